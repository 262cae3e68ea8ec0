//! `civicpub user …`: the web admin's staff accounts. Passwords are asked for
//! without echo on a terminal, or read from the first line of standard input
//! when it is not one (`echo "$PW" | civicpub user create anna --role editor`).

use civicpub_service::{Node, ServiceError};
use clap::Subcommand;
use std::io::{BufRead, IsTerminal, Write};

#[derive(Subcommand)]
pub enum UserCommand {
    /// Add a staff account for the web admin (/admin); the password is asked for
    Create {
        /// 1 to 64 of a-z, 0-9, '.', '_' and '-'
        name: String,
        /// admin (also manages users, tokens, profiles, federation) or editor
        #[arg(long)]
        role: String,
    },
    /// List the staff accounts
    List,
    /// Disable an account: its sessions end at once
    Disable { name: String },
    /// Enable a disabled account again
    Enable { name: String },
    /// Set an account's password (its sessions end)
    Password { name: String },
}

pub async fn run(cmd: UserCommand, node: &Node) -> Result<(), ServiceError> {
    let mut out = std::io::stdout();
    match cmd {
        UserCommand::Create { name, role } => {
            let password = read_password(&name)?;
            let user = node.create_staff_user(&name, &role, &password).await?;
            let _ = writeln!(out, "created {} ({})", user.name, user.role);
        }
        UserCommand::List => {
            let _ = writeln!(out, "{:<24} {:<8} STATE", "NAME", "ROLE");
            for u in node.staff_users().await? {
                let state = if u.disabled { "disabled" } else { "enabled" };
                if writeln!(out, "{:<24} {:<8} {state}", u.name, u.role).is_err() {
                    break;
                }
            }
        }
        UserCommand::Disable { name } => {
            node.set_staff_disabled(&name, true).await?;
            let _ = writeln!(out, "disabled {name}; its sessions have ended");
        }
        UserCommand::Enable { name } => {
            node.set_staff_disabled(&name, false).await?;
            let _ = writeln!(out, "enabled {name}");
        }
        UserCommand::Password { name } => {
            let password = read_password(&name)?;
            node.set_staff_password(&name, &password).await?;
            let _ = writeln!(out, "password of {name} changed; its sessions have ended");
        }
    }
    Ok(())
}

/// A password: asked twice without echo on a terminal, else the first line of stdin.
fn read_password(name: &str) -> Result<String, ServiceError> {
    if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password(format!("Password for {name}: "))
            .map_err(|e| ServiceError::BadRequest(format!("cannot read the password: {e}")))?;
        let again = rpassword::prompt_password("Again: ")
            .map_err(|e| ServiceError::BadRequest(format!("cannot read the password: {e}")))?;
        if first != again {
            return Err(ServiceError::field("password", "the two entries differ"));
        }
        Ok(first)
    } else {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .map_err(|e| ServiceError::BadRequest(format!("cannot read the password: {e}")))?;
        Ok(line.trim_end_matches(['\n', '\r']).to_string())
    }
}
