//! `civicpub site …`: the public site's own pages (About, Contact, Privacy,
//! the accessibility statement) and its branding, read from the command line
//! into the service's commands.

use crate::publish::upload;
use civicpub_service::site::{BrandingInput, SitePage};
use civicpub_service::{Node, ServiceError};
use std::io::Write;
use std::path::PathBuf;

#[derive(clap::Subcommand)]
pub enum SiteCommand {
    /// Show the branding and which pages are written in which languages
    Show,
    /// Write a page in one language, from a Markdown file (or `-` for standard input)
    SetPage {
        /// about, contact, privacy or accessibility
        #[arg(value_parser = parse_page)]
        page: SitePage,
        /// The language it is written in (BCP 47: en, fr, it, …)
        #[arg(long)]
        lang: String,
        /// The page in Markdown
        #[arg(long, value_name = "FILE")]
        file: PathBuf,
    },
    /// Remove a page in one language
    DeletePage {
        #[arg(value_parser = parse_page)]
        page: SitePage,
        #[arg(long)]
        lang: String,
    },
    /// Change the logo, the accent colour or the favicon
    Branding(BrandingArgs),
}

#[derive(clap::Args)]
pub struct BrandingArgs {
    /// The logo in the header (PNG, JPEG, GIF or WebP, at most 2 MB)
    #[arg(
        long,
        value_name = "FILE",
        requires = "logo_alt",
        conflicts_with = "no_logo"
    )]
    logo: Option<PathBuf>,
    /// What the logo says, for people who cannot see it (usually the city's name)
    #[arg(long, value_name = "TEXT")]
    logo_alt: Option<String>,
    /// Go back to no logo
    #[arg(long)]
    no_logo: bool,
    /// The header's and links' colour, #rrggbb; refused when text on it, or it
    /// on white, would fail WCAG AA contrast
    #[arg(long, value_name = "COLOUR", conflicts_with = "no_accent_color")]
    accent_color: Option<String>,
    /// Go back to the default colour
    #[arg(long)]
    no_accent_color: bool,
    /// The icon browsers show in tabs (PNG, at most 2 MB)
    #[arg(long, value_name = "FILE", conflicts_with = "no_favicon")]
    favicon: Option<PathBuf>,
    /// Go back to the default icon
    #[arg(long)]
    no_favicon: bool,
}

fn parse_page(s: &str) -> Result<SitePage, String> {
    SitePage::parse(s)
        .ok_or_else(|| format!("no page '{s}': use about, contact, privacy or accessibility"))
}

impl BrandingArgs {
    fn input(&self) -> Result<BrandingInput, ServiceError> {
        let change = |set: Option<&PathBuf>, clear: bool| -> Result<_, ServiceError> {
            Ok(match (set, clear) {
                (Some(path), _) => Some(Some(upload(path)?)),
                (None, true) => Some(None),
                (None, false) => None,
            })
        };
        Ok(BrandingInput {
            logo: change(self.logo.as_ref(), self.no_logo)?,
            logo_alt: self.logo_alt.clone(),
            accent_color: match (&self.accent_color, self.no_accent_color) {
                (Some(c), _) => Some(Some(c.clone())),
                (None, true) => Some(None),
                (None, false) => None,
            },
            favicon: change(self.favicon.as_ref(), self.no_favicon)?,
        })
    }
}

fn read_markdown(file: &PathBuf) -> Result<String, ServiceError> {
    if file.as_os_str() == "-" {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut s)
            .map_err(|e| ServiceError::BadRequest(format!("cannot read standard input: {e}")))?;
        return Ok(s);
    }
    std::fs::read_to_string(file)
        .map_err(|e| ServiceError::BadRequest(format!("cannot read {}: {e}", file.display())))
}

/// Runs a `site` command; what it prints goes to `out`.
pub async fn run(node: &Node, cmd: SiteCommand, out: &mut impl Write) -> Result<(), ServiceError> {
    let say = |out: &mut dyn Write, line: String| {
        // A reader that went away (`| head`) ends the listing quietly.
        let _ = writeln!(out, "{line}");
    };
    match cmd {
        SiteCommand::Show => {
            let b = node.branding().await?;
            say(
                out,
                format!(
                    "logo\t{}",
                    b.logo
                        .as_ref()
                        .map(|(m, alt)| format!("{} ({alt})", node.base.url(&m.path())))
                        .unwrap_or_else(|| "none".into())
                ),
            );
            say(
                out,
                format!(
                    "accent colour\t{}",
                    b.accent_color.as_deref().unwrap_or("default")
                ),
            );
            say(
                out,
                format!(
                    "favicon\t{}",
                    b.favicon
                        .as_ref()
                        .map(|m| node.base.url(&m.path()).to_string())
                        .unwrap_or_else(|| "default".into())
                ),
            );
            let pages = node.site_pages().await?;
            for p in SitePage::ALL {
                let langs: Vec<&str> = pages
                    .iter()
                    .filter(|t| t.page == p.as_str())
                    .map(|t| t.language.as_str())
                    .collect();
                say(
                    out,
                    format!(
                        "{}\t{}",
                        node.base.url(&p.path()),
                        if langs.is_empty() {
                            "not written".to_string()
                        } else {
                            langs.join(", ")
                        }
                    ),
                );
            }
        }
        SiteCommand::SetPage { page, lang, file } => {
            let markdown = read_markdown(&file)?;
            node.set_site_page(page, &lang, &markdown).await?;
            say(
                out,
                format!("{}?lang={}", node.base.url(&page.path()), lang.trim()),
            );
        }
        SiteCommand::DeletePage { page, lang } => {
            node.delete_site_page(page, &lang).await?;
            say(out, format!("deleted the {page} page in {}", lang.trim()));
        }
        SiteCommand::Branding(args) => {
            let b = node.set_branding(args.input()?).await?;
            say(
                out,
                format!(
                    "accent colour {}; logo {}; favicon {}",
                    b.accent_color.as_deref().unwrap_or("default"),
                    if b.logo.is_some() { "set" } else { "none" },
                    if b.favicon.is_some() {
                        "set"
                    } else {
                        "default"
                    }
                ),
            );
        }
    }
    Ok(())
}
