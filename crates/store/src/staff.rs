//! Staff accounts of the web admin, their sessions, and failed logins. A
//! session is found by the SHA-256 of its secret and only while its account
//! is enabled and it has not expired; disabling an account or changing its
//! password deletes its sessions in the same transaction.

use crate::{flag, Store, StoreError};
use civicpub_domain::Timestamp;
use sqlx::Row;

/// A staff account as stored (its password hash stays in the store).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffUser {
    pub id: i64,
    pub name: String,
    /// `admin` or `editor`.
    pub role: String,
    pub disabled: bool,
    pub created_at: Timestamp,
}

/// A live session: whose it is, and the CSRF token its forms must carry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffSession {
    pub user: StaffUser,
    pub csrf_token: String,
    pub expires_at: Timestamp,
}

const USER_COLUMNS: &str = "u.id, u.name, u.role, u.disabled, u.created_at";

fn user(row: &sqlx::any::AnyRow) -> Result<StaffUser, StoreError> {
    Ok(StaffUser {
        id: row.try_get("id")?,
        name: row.try_get("name")?,
        role: row.try_get("role")?,
        disabled: flag(row, "disabled")?,
        created_at: Timestamp(row.try_get("created_at")?),
    })
}

impl Store {
    pub async fn insert_staff_user(
        &self,
        name: &str,
        role: &str,
        password_hash: &str,
    ) -> Result<StaffUser, StoreError> {
        let now = Timestamp::now();
        let id: i64 = sqlx::query(
            "INSERT INTO staff_users (name, role, password_hash, created_at) \
             VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(name)
        .bind(role)
        .bind(password_hash)
        .bind(now.millis())
        .fetch_one(&self.pool)
        .await
        .map_err(StoreError::on_unique(format!("the user '{name}'")))?
        .get(0);
        Ok(StaffUser {
            id,
            name: name.to_string(),
            role: role.to_string(),
            disabled: false,
            created_at: now,
        })
    }

    pub async fn staff_users(&self) -> Result<Vec<StaffUser>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT {USER_COLUMNS} FROM staff_users u ORDER BY u.name"
        ))
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(user).collect()
    }

    /// An account and its password hash.
    pub async fn staff_user_by_name(
        &self,
        name: &str,
    ) -> Result<Option<(StaffUser, String)>, StoreError> {
        let row = sqlx::query(&format!(
            "SELECT {USER_COLUMNS}, u.password_hash FROM staff_users u WHERE u.name = $1"
        ))
        .bind(name)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| Ok((user(&r)?, r.try_get("password_hash")?)))
            .transpose()
    }

    /// Enables or disables an account; disabling ends its sessions at once.
    pub async fn set_staff_disabled(&self, name: &str, disabled: bool) -> Result<(), StoreError> {
        let mut tx = self.begin_write().await?;
        let id = account_id(&mut tx, name).await?;
        sqlx::query("UPDATE staff_users SET disabled = $1 WHERE id = $2")
            .bind(disabled)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        if disabled {
            sqlx::query("DELETE FROM staff_sessions WHERE user_id = $1")
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Changes an account's password and ends its sessions.
    pub async fn set_staff_password(
        &self,
        name: &str,
        password_hash: &str,
    ) -> Result<(), StoreError> {
        let mut tx = self.begin_write().await?;
        let id = account_id(&mut tx, name).await?;
        sqlx::query("UPDATE staff_users SET password_hash = $1 WHERE id = $2")
            .bind(password_hash)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM staff_sessions WHERE user_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn insert_staff_session(
        &self,
        id_sha256: &str,
        user_id: i64,
        csrf_token: &str,
        expires_at: Timestamp,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO staff_sessions (id_sha256, user_id, csrf_token, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(id_sha256)
        .bind(user_id)
        .bind(csrf_token)
        .bind(Timestamp::now().millis())
        .bind(expires_at.millis())
        .execute(&self.pool)
        .await
        .map_err(StoreError::on_unique("the session"))?;
        Ok(())
    }

    /// The live session with this hash: unexpired, of an enabled account.
    pub async fn staff_session(&self, id_sha256: &str) -> Result<Option<StaffSession>, StoreError> {
        let row = sqlx::query(&format!(
            "SELECT {USER_COLUMNS}, s.csrf_token, s.expires_at FROM staff_sessions s \
             JOIN staff_users u ON u.id = s.user_id \
             WHERE s.id_sha256 = $1 AND s.expires_at > $2 AND u.disabled = $3"
        ))
        .bind(id_sha256)
        .bind(Timestamp::now().millis())
        .bind(false)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| {
            Ok(StaffSession {
                user: user(&r)?,
                csrf_token: r.try_get("csrf_token")?,
                expires_at: Timestamp(r.try_get("expires_at")?),
            })
        })
        .transpose()
    }

    pub async fn delete_staff_session(&self, id_sha256: &str) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM staff_sessions WHERE id_sha256 = $1")
            .bind(id_sha256)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    pub async fn record_login_failure(
        &self,
        account: &str,
        address: &str,
    ) -> Result<(), StoreError> {
        sqlx::query("INSERT INTO login_failures (account, address, failed_at) VALUES ($1, $2, $3)")
            .bind(account)
            .bind(address)
            .bind(Timestamp::now().millis())
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Failed logins since `since`: (for this account, from this address).
    pub async fn login_failures(
        &self,
        account: &str,
        address: &str,
        since: Timestamp,
    ) -> Result<(i64, i64), StoreError> {
        let row = sqlx::query(
            "SELECT (SELECT COUNT(*) FROM login_failures WHERE account = $1 AND failed_at > $3), \
                    (SELECT COUNT(*) FROM login_failures WHERE address = $2 AND failed_at > $3)",
        )
        .bind(account)
        .bind(address)
        .bind(since.millis())
        .fetch_one(&self.pool)
        .await?;
        Ok((row.try_get(0)?, row.try_get(1)?))
    }

    /// Forgets expired sessions and failures older than `before`.
    pub async fn prune_staff_records(&self, before: Timestamp) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM staff_sessions WHERE expires_at <= $1")
            .bind(Timestamp::now().millis())
            .execute(&self.pool)
            .await?;
        sqlx::query("DELETE FROM login_failures WHERE failed_at <= $1")
            .bind(before.millis())
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}

async fn account_id(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    name: &str,
) -> Result<i64, StoreError> {
    sqlx::query("SELECT id FROM staff_users WHERE name = $1")
        .bind(name)
        .fetch_optional(&mut **tx)
        .await?
        .map(|r| r.get::<i64, _>(0))
        .ok_or_else(|| StoreError::NotFound(format!("the user '{name}'")))
}
