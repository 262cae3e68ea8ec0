//! Staff of the web admin: accounts (admins and editors), passwords hashed
//! with argon2id, sessions kept in the database (so every `serve` process
//! shares them) and failed logins limited per account and per address (in the
//! database too, so the limit holds across processes).
//!
//! A session's secret is 256 random bits given to the browser once; the store
//! keeps its SHA-256, an expiry and a CSRF token bound to it. Disabling an
//! account or changing its password ends its sessions.

use crate::{Node, Result, ServiceError};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use aws_lc_rs::rand::{SecureRandom, SystemRandom};
use base64::Engine;
use civicpub_domain::Timestamp;
use civicpub_store::{StaffSession, StaffUser};
use sha2::{Digest, Sha256};
use std::time::Duration;

/// How long a session lasts after logging in.
pub const SESSION_LIFETIME: Duration = Duration::from_secs(12 * 3600);
/// The window failed logins are counted over…
pub const FAILURE_WINDOW: Duration = Duration::from_secs(15 * 60);
/// …and how many are allowed in it for one account, and from one address.
pub const FAILURES_PER_ACCOUNT: i64 = 5;
pub const FAILURES_PER_ADDRESS: i64 = 20;
/// Shortest password accepted.
pub const MIN_PASSWORD: usize = 12;

/// What a staff member may do: editors publish and moderate; admins also
/// manage users, API tokens, the node's profile and the federation policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Admin,
    Editor,
}

impl Role {
    pub fn parse(s: &str) -> Option<Role> {
        match s.trim() {
            "admin" => Some(Role::Admin),
            "editor" => Some(Role::Editor),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Editor => "editor",
        }
    }
}

/// A logged-in staff member, as a session proves.
#[derive(Debug, Clone)]
pub struct Staff {
    pub user: StaffUser,
    pub role: Role,
    /// The token every form of this session must carry.
    pub csrf_token: String,
}

impl Staff {
    pub fn is_admin(&self) -> bool {
        self.role == Role::Admin
    }

    /// Refuses an editor what only admins may do.
    pub fn require_admin(&self) -> Result<()> {
        if self.is_admin() {
            Ok(())
        } else {
            Err(ServiceError::Forbidden("only admins may do this".into()))
        }
    }

    /// Whether `token` is this session's CSRF token (compared in constant time).
    pub fn csrf_matches(&self, token: &str) -> bool {
        let (a, b) = (self.csrf_token.as_bytes(), token.trim().as_bytes());
        a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
    }
}

/// A new session: the secret for the browser's cookie, and who it is.
#[derive(Debug, Clone)]
pub struct NewSession {
    pub secret: String,
    pub staff: Staff,
}

impl Node {
    /// Adds a staff account.
    pub async fn create_staff_user(
        &self,
        name: &str,
        role: &str,
        password: &str,
    ) -> Result<StaffUser> {
        let mut problems = crate::Problems::default();
        let name = name.trim();
        if let Err(m) = check_name(name) {
            problems.add("name", m);
        }
        let role = Role::parse(role);
        if role.is_none() {
            problems.add("role", "must be admin or editor");
        }
        if let Err(m) = check_password(password) {
            problems.add("password", m);
        }
        problems.or(())?;
        let hash = hash_password(password.to_string()).await?;
        Ok(self
            .store
            .insert_staff_user(name, role.expect("checked").as_str(), &hash)
            .await?)
    }

    pub async fn staff_users(&self) -> Result<Vec<StaffUser>> {
        Ok(self.store.staff_users().await?)
    }

    /// Disables an account (its sessions end at once), or enables it again.
    pub async fn set_staff_disabled(&self, name: &str, disabled: bool) -> Result<()> {
        Ok(self.store.set_staff_disabled(name.trim(), disabled).await?)
    }

    /// Sets an account's password; its sessions end.
    pub async fn set_staff_password(&self, name: &str, password: &str) -> Result<()> {
        check_password(password).map_err(|m| ServiceError::field("password", m))?;
        let hash = hash_password(password.to_string()).await?;
        Ok(self.store.set_staff_password(name.trim(), &hash).await?)
    }

    /// Logs `name` in from `address`: a new session, or `Unauthorized` (the
    /// same answer for an unknown name, a wrong password and a disabled
    /// account), or `TooMany` after too many failures for the account or the
    /// address.
    pub async fn log_in(&self, name: &str, password: &str, address: &str) -> Result<NewSession> {
        let name = name.trim();
        let since = Timestamp(Timestamp::now().millis() - FAILURE_WINDOW.as_millis() as i64);
        let (by_account, by_address) = self.store.login_failures(name, address, since).await?;
        if by_account >= FAILURES_PER_ACCOUNT || by_address >= FAILURES_PER_ADDRESS {
            return Err(ServiceError::TooMany(
                "too many failed logins: try again in a quarter of an hour".into(),
                FAILURE_WINDOW.as_secs(),
            ));
        }
        let found = self.store.staff_user_by_name(name).await?;
        // An unknown name costs as much time as a known one.
        let hash = found
            .as_ref()
            .map(|(_, h)| h.clone())
            .unwrap_or_else(|| DUMMY_HASH.to_string());
        let verified = verify_password(password.to_string(), hash).await?;
        let user = match found {
            Some((user, _)) if verified && !user.disabled => user,
            _ => {
                self.store.record_login_failure(name, address).await?;
                return Err(ServiceError::Unauthorized(
                    "wrong name or password, or the account is disabled".into(),
                ));
            }
        };
        let secret = random_token()?;
        let csrf_token = random_token()?;
        let expires = Timestamp(Timestamp::now().millis() + SESSION_LIFETIME.as_millis() as i64);
        self.store
            .insert_staff_session(&session_hash(&secret), user.id, &csrf_token, expires)
            .await?;
        let role = role_of(&user)?;
        Ok(NewSession {
            secret,
            staff: Staff {
                user,
                role,
                csrf_token,
            },
        })
    }

    /// Who a session's secret stands for; `Unauthorized` when it is unknown,
    /// expired, or its account was disabled.
    pub async fn staff_session(&self, secret: &str) -> Result<Staff> {
        let invalid = || ServiceError::Unauthorized("not logged in".into());
        if secret.is_empty() || secret.len() > 100 {
            return Err(invalid());
        }
        let StaffSession {
            user, csrf_token, ..
        } = self
            .store
            .staff_session(&session_hash(secret))
            .await?
            .ok_or_else(invalid)?;
        let role = role_of(&user)?;
        Ok(Staff {
            user,
            role,
            csrf_token,
        })
    }

    pub async fn log_out(&self, secret: &str) -> Result<()> {
        Ok(self
            .store
            .delete_staff_session(&session_hash(secret))
            .await?)
    }
}

fn role_of(user: &StaffUser) -> Result<Role> {
    Role::parse(&user.role)
        .ok_or_else(|| ServiceError::internal(format!("user {} has role '{}'", user.id, user.role)))
}

fn check_name(name: &str) -> std::result::Result<(), String> {
    let ok = !name.is_empty()
        && name.len() <= 64
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "._-".contains(c));
    if ok {
        Ok(())
    } else {
        Err("use 1 to 64 of a-z, 0-9, '.', '_' and '-'".into())
    }
}

fn check_password(password: &str) -> std::result::Result<(), String> {
    let n = password.chars().count();
    if n < MIN_PASSWORD {
        Err(format!("must be at least {MIN_PASSWORD} characters long"))
    } else if password.len() > 1024 {
        Err("must be at most 1024 bytes long".into())
    } else {
        Ok(())
    }
}

/// An argon2id hash (PHC string) of a password, computed off the async threads.
async fn hash_password(password: String) -> Result<String> {
    let mut salt = [0u8; 16];
    SystemRandom::new()
        .fill(&mut salt)
        .map_err(|_| ServiceError::internal("no randomness available"))?;
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::encode_b64(&salt).map_err(ServiceError::internal)?;
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(ServiceError::internal)
    })
    .await
    .map_err(ServiceError::internal)?
}

async fn verify_password(password: String, hash: String) -> Result<bool> {
    tokio::task::spawn_blocking(move || {
        let parsed = PasswordHash::new(&hash).map_err(ServiceError::internal)?;
        Ok(Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok())
    })
    .await
    .map_err(ServiceError::internal)?
}

/// A hash of no one's password, verified against for unknown names.
const DUMMY_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$2CpNahtJpy6mbZMhaO1WXjPpZ+DTnfVlUV6oDMTCy0M";

/// 256 random bits, URL-safe: a session's secret, a CSRF token.
pub fn random_token() -> Result<String> {
    let mut bytes = [0u8; 32];
    SystemRandom::new()
        .fill(&mut bytes)
        .map_err(|_| ServiceError::internal("no randomness available"))?;
    Ok(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes))
}

fn session_hash(secret: &str) -> String {
    format!("{:x}", Sha256::digest(secret.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn passwords_hash_with_argon2id_and_verify() {
        let h = hash_password("correct horse battery".into()).await.unwrap();
        assert!(h.starts_with("$argon2id$"), "{h}");
        assert!(verify_password("correct horse battery".into(), h.clone())
            .await
            .unwrap());
        assert!(!verify_password("wrong".into(), h).await.unwrap());
        // The dummy hash parses, so unknown names cost a verification too.
        assert!(!verify_password("x".into(), DUMMY_HASH.into())
            .await
            .unwrap());
    }

    #[test]
    fn names_and_passwords_have_rules() {
        assert!(check_name("anna.rossi").is_ok());
        assert!(check_name("Anna").is_err());
        assert!(check_name("").is_err());
        assert!(check_password("short").is_err());
        assert!(check_password("long enough password").is_ok());
    }
}
