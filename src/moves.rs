//! `civicpub actor alias` and `civicpub actor move`: an actor names its other
//! accounts, and moves to one of them.

use civicpub_service::{Node, ServiceError};
use std::io::Write;

#[derive(clap::Args)]
pub struct AliasArgs {
    /// The local actor
    pub username: String,
    /// Accounts this actor also is (actor URLs or @user@host); an account that
    /// moves here must be named. None clears the list.
    pub accounts: Vec<String>,
}

#[derive(clap::Args)]
pub struct MoveArgs {
    /// The local actor that moves
    pub username: String,
    /// The account it moves to (an actor URL or @user@host), which must name
    /// this actor in its alsoKnownAs
    pub target: String,
}

/// Sets an actor's `alsoKnownAs` and prints the list.
pub async fn alias(node: &Node, args: AliasArgs, out: &mut impl Write) -> Result<(), ServiceError> {
    let actor = node
        .set_also_known_as(&args.username, &args.accounts)
        .await?;
    for a in &actor.also_known_as {
        let _ = writeln!(out, "{a}");
    }
    Ok(())
}

/// Moves an actor: `movedTo` set and `Move` sent to its followers.
pub async fn move_actor(
    node: &Node,
    args: MoveArgs,
    out: &mut impl Write,
) -> Result<(), ServiceError> {
    let target = node.move_actor(&args.username, &args.target).await?;
    let _ = writeln!(
        out,
        "{} moved to {target}; its followers are told",
        args.username
    );
    Ok(())
}
