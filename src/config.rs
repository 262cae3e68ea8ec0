//! Configuration: flags, then `CIVICPUB_*` environment variables, then an optional
//! TOML file, then defaults. Every subcommand reads the same settings, so the CLI
//! acts on the same node as `serve`.

use civicpub_domain::{is_language_tag, NodeBase, Username};
use civicpub_store::Backend;
use clap::Args;
use serde::Deserialize;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

/// Settings shared by every subcommand. Each is optional here so that a value
/// from a flag or the environment can be told apart from one to take from the
/// file or the default.
#[derive(Args, Debug, Default, Clone)]
pub struct Options {
    /// TOML file with any of the settings below (keys as the flags, with '_').
    #[arg(long, env = "CIVICPUB_CONFIG", global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Address to listen on [default: 127.0.0.1:8080]
    #[arg(long, env = "CIVICPUB_LISTEN", global = true, value_name = "ADDR")]
    pub listen: Option<String>,
    /// Public host (and port) of the node; fixed at setup, as ids derive from it [default: localhost:8080]
    #[arg(long, env = "CIVICPUB_DOMAIN", global = true, value_name = "HOST")]
    pub domain: Option<String>,
    /// sqlite://PATH or postgres://USER@HOST/DB [default: sqlite file in the data directory]
    #[arg(long, env = "CIVICPUB_DATABASE_URL", global = true, value_name = "URL")]
    pub database_url: Option<String>,
    /// Directory for the SQLite database and media files [default: ./data]
    #[arg(long, env = "CIVICPUB_DATA_DIR", global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Allow http:// and private addresses for federation: local tests only [default: false]
    #[arg(long, env = "CIVICPUB_INSECURE_DEV", global = true, num_args = 0..=1,
          default_missing_value = "true", require_equals = true,
          value_parser = clap::builder::BoolishValueParser::new(), value_name = "BOOL")]
    pub insecure_dev: Option<bool>,
    /// Username of the city's actor, created at setup [default: city]
    #[arg(long, env = "CIVICPUB_CITY", global = true, value_name = "USERNAME")]
    pub city: Option<String>,
    /// Display name of the city's actor and of the node [default: the domain]
    #[arg(long, env = "CIVICPUB_CITY_NAME", global = true, value_name = "NAME")]
    pub city_name: Option<String>,
    /// Default language of pages and content, a BCP 47 tag [default: en]
    #[arg(long, env = "CIVICPUB_LANGUAGE", global = true, value_name = "TAG")]
    pub language: Option<String>,
    /// Time zone of the city (IANA, e.g. Europe/Amsterdam): what the web admin offers for events and schedules [default: UTC]
    // Not `--timezone`: that is an event's own time zone in `event publish`.
    #[arg(
        long,
        env = "CIVICPUB_CITY_TIMEZONE",
        global = true,
        value_name = "ZONE"
    )]
    pub city_timezone: Option<String>,
    /// List who follows each actor in its followers collection (the count is always public) [default: false]
    #[arg(long, env = "CIVICPUB_SHOW_FOLLOWERS", global = true, num_args = 0..=1,
          default_missing_value = "true", require_equals = true,
          value_parser = clap::builder::BoolishValueParser::new(), value_name = "BOOL")]
    pub show_followers: Option<bool>,
    /// Authorized fetch: ActivityPub GETs of objects and collections must be signed [default: false]
    #[arg(long, env = "CIVICPUB_SECURE_MODE", global = true, num_args = 0..=1,
          default_missing_value = "true", require_equals = true,
          value_parser = clap::builder::BoolishValueParser::new(), value_name = "BOOL")]
    pub secure_mode: Option<bool>,
    /// First wait before retrying a failed delivery, doubling each time [default: 30]
    #[arg(
        long,
        env = "CIVICPUB_RETRY_SECONDS",
        global = true,
        value_name = "SECONDS"
    )]
    pub retry_seconds: Option<u64>,
    /// How long failed deliveries are retried before they are given up [default: 48]
    #[arg(
        long,
        env = "CIVICPUB_RETRY_HOURS",
        global = true,
        value_name = "HOURS"
    )]
    pub retry_hours: Option<u64>,
    /// Deliveries in flight at once [default: 64]
    #[arg(
        long,
        env = "CIVICPUB_DELIVERY_CONCURRENCY",
        global = true,
        value_name = "N"
    )]
    pub delivery_concurrency: Option<usize>,
    /// Activities one remote server may send per minute to the inboxes (more get 429) [default: 1000]
    #[arg(
        long,
        env = "CIVICPUB_INBOX_RATE_LIMIT",
        global = true,
        value_name = "PER_MINUTE"
    )]
    pub inbox_rate_limit: Option<u32>,
    /// At most one update of a consultation's running totals to followers and voters per this many seconds [default: 60]
    #[arg(
        long,
        env = "CIVICPUB_CONSULTATION_UPDATE_SECONDS",
        global = true,
        value_name = "SECONDS"
    )]
    pub consultation_update_seconds: Option<u64>,
    /// How long a worker holds a delivery it took; a worker that dies leaves it to another after this [default: 30]
    #[arg(
        long,
        env = "CIVICPUB_DELIVERY_LEASE_SECONDS",
        global = true,
        value_name = "SECONDS"
    )]
    pub delivery_lease_seconds: Option<u64>,
    /// Open HTTP connections at most; at the limit the longest-idle one is closed for a newcomer, or the newcomer gets 503 [default: 1024, and never more than the open-file limit allows]
    #[arg(
        long,
        env = "CIVICPUB_MAX_CONNECTIONS",
        global = true,
        value_name = "N"
    )]
    pub max_connections: Option<usize>,
    /// Time a connection has to send a request's headers, and to send the next one on a kept-alive connection [default: 10]
    #[arg(
        long,
        env = "CIVICPUB_HEADER_TIMEOUT_SECONDS",
        global = true,
        value_name = "SECONDS"
    )]
    pub header_timeout_seconds: Option<u64>,
    /// Log lines as text or json (one JSON object a line); colour only on a terminal [default: text]
    #[arg(
        long,
        env = "CIVICPUB_LOG_FORMAT",
        global = true,
        value_name = "FORMAT"
    )]
    pub log_format: Option<String>,
}

/// The same settings, as a TOML file spells them.
#[derive(Deserialize, Debug, Default)]
#[serde(deny_unknown_fields)]
struct FileOptions {
    listen: Option<String>,
    domain: Option<String>,
    database_url: Option<String>,
    data_dir: Option<PathBuf>,
    insecure_dev: Option<bool>,
    city: Option<String>,
    city_name: Option<String>,
    language: Option<String>,
    city_timezone: Option<String>,
    show_followers: Option<bool>,
    secure_mode: Option<bool>,
    retry_seconds: Option<u64>,
    retry_hours: Option<u64>,
    delivery_concurrency: Option<usize>,
    inbox_rate_limit: Option<u32>,
    consultation_update_seconds: Option<u64>,
    delivery_lease_seconds: Option<u64>,
    max_connections: Option<usize>,
    header_timeout_seconds: Option<u64>,
    log_format: Option<String>,
}

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LogFormat {
    #[default]
    Text,
    Json,
}

/// Limits on the HTTP connections `serve` holds.
#[derive(Debug, Clone)]
pub struct HttpLimits {
    pub max_connections: usize,
    pub header_timeout: std::time::Duration,
}

/// Resolved, validated configuration.
#[derive(Debug, Clone)]
pub struct Config {
    pub listen: SocketAddr,
    pub base: NodeBase,
    pub database_url: String,
    pub data_dir: PathBuf,
    pub insecure_dev: bool,
    pub city: Username,
    pub city_name: String,
    pub language: String,
    /// The city's time zone (IANA name).
    pub timezone: String,
    pub show_followers: bool,
    pub secure_mode: bool,
    pub delivery: civicpub_service::delivery::DeliveryConfig,
    pub inbox_rate_limit: u32,
    /// At most one update of a consultation's totals per this much time.
    pub consultation_updates: std::time::Duration,
    pub http: HttpLimits,
    pub log_format: LogFormat,
}

/// A configuration mistake: one line that names the setting. Exits with code 2.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct ConfigError(pub String);

impl Options {
    pub fn resolve(&self) -> Result<Config, ConfigError> {
        let file = match &self.config {
            Some(path) => read_file(path)?,
            None => FileOptions::default(),
        };
        let listen = self
            .listen
            .clone()
            .or(file.listen)
            .unwrap_or_else(|| "127.0.0.1:8080".into());
        let listen: SocketAddr = listen.parse().map_err(|_| {
            ConfigError(format!(
                "invalid listen address '{listen}' (--listen, CIVICPUB_LISTEN): expected IP:PORT such as 127.0.0.1:8080"
            ))
        })?;
        let insecure_dev = self.insecure_dev.or(file.insecure_dev).unwrap_or(false);
        let domain = self
            .domain
            .clone()
            .or(file.domain)
            .unwrap_or_else(|| "localhost:8080".into());
        let base = NodeBase::new(&domain, insecure_dev)
            .map_err(|e| ConfigError(format!("invalid domain (--domain, CIVICPUB_DOMAIN): {e}")))?;
        let data_dir = self
            .data_dir
            .clone()
            .or(file.data_dir)
            .unwrap_or_else(|| PathBuf::from("data"));
        if data_dir.as_os_str().is_empty() {
            return Err(ConfigError(
                "invalid data directory (--data-dir, CIVICPUB_DATA_DIR): it is empty".into(),
            ));
        }
        let database_url = match self.database_url.clone().or(file.database_url) {
            Some(url) => {
                if Backend::from_url(&url).is_none() {
                    return Err(ConfigError(format!(
                        "invalid database URL '{}' (--database-url, CIVICPUB_DATABASE_URL): \
                         expected sqlite://PATH or postgres://USER@HOST/DATABASE",
                        civicpub_store::redact(&url)
                    )));
                }
                url
            }
            None => default_sqlite_url(&data_dir),
        };
        let city = self
            .city
            .clone()
            .or(file.city)
            .unwrap_or_else(|| "city".into());
        let city = Username::parse(&city).map_err(|e| {
            ConfigError(format!(
                "invalid city username '{city}' (--city, CIVICPUB_CITY): {e}"
            ))
        })?;
        let city_name = self
            .city_name
            .clone()
            .or(file.city_name)
            .unwrap_or_else(|| default_city_name(base.host()));
        if city_name.trim().is_empty() || city_name.chars().count() > 200 {
            return Err(ConfigError(
                "invalid city name (--city-name, CIVICPUB_CITY_NAME): it needs 1 to 200 characters"
                    .into(),
            ));
        }
        let language = self
            .language
            .clone()
            .or(file.language)
            .unwrap_or_else(|| "en".into());
        if !is_language_tag(&language) {
            return Err(ConfigError(format!(
                "invalid language '{language}' (--language, CIVICPUB_LANGUAGE): expected a BCP 47 tag such as en, nl or pt-BR"
            )));
        }
        let timezone = self
            .city_timezone
            .clone()
            .or(file.city_timezone)
            .map(|t| t.trim().to_string())
            .unwrap_or_else(|| "UTC".into());
        if timezone.parse::<chrono_tz::Tz>().is_err() {
            return Err(ConfigError(format!(
                "invalid time zone '{timezone}' (--city-timezone, CIVICPUB_CITY_TIMEZONE): expected an IANA name such as Europe/Amsterdam"
            )));
        }
        let mut delivery = civicpub_service::delivery::DeliveryConfig::default();
        if let Some(s) = self.retry_seconds.or(file.retry_seconds) {
            if s == 0 {
                return Err(ConfigError(
                    "invalid --retry-seconds (CIVICPUB_RETRY_SECONDS): at least 1".into(),
                ));
            }
            delivery.retry_base = std::time::Duration::from_secs(s);
        }
        if let Some(h) = self.retry_hours.or(file.retry_hours) {
            delivery.give_up_after = std::time::Duration::from_secs(h * 3600);
        }
        if let Some(n) = self.delivery_concurrency.or(file.delivery_concurrency) {
            if n == 0 {
                return Err(ConfigError(
                    "invalid --delivery-concurrency (CIVICPUB_DELIVERY_CONCURRENCY): at least 1"
                        .into(),
                ));
            }
            delivery.concurrency = n;
        }
        let inbox_rate_limit = self
            .inbox_rate_limit
            .or(file.inbox_rate_limit)
            .unwrap_or(1000);
        if inbox_rate_limit == 0 {
            return Err(ConfigError(
                "invalid --inbox-rate-limit (CIVICPUB_INBOX_RATE_LIMIT): at least 1".into(),
            ));
        }
        let consultation_update_seconds = self
            .consultation_update_seconds
            .or(file.consultation_update_seconds)
            .unwrap_or(60);
        if consultation_update_seconds == 0 {
            return Err(ConfigError(
                "invalid --consultation-update-seconds (CIVICPUB_CONSULTATION_UPDATE_SECONDS): at least 1"
                    .into(),
            ));
        }
        if let Some(s) = self.delivery_lease_seconds.or(file.delivery_lease_seconds) {
            if s == 0 {
                return Err(ConfigError(
                    "invalid --delivery-lease-seconds (CIVICPUB_DELIVERY_LEASE_SECONDS): at least 1"
                        .into(),
                ));
            }
            delivery.lease = std::time::Duration::from_secs(s);
        }
        let max_connections = self
            .max_connections
            .or(file.max_connections)
            .unwrap_or(1024);
        if max_connections == 0 {
            return Err(ConfigError(
                "invalid --max-connections (CIVICPUB_MAX_CONNECTIONS): at least 1".into(),
            ));
        }
        let header_timeout = self
            .header_timeout_seconds
            .or(file.header_timeout_seconds)
            .unwrap_or(10);
        if header_timeout == 0 {
            return Err(ConfigError(
                "invalid --header-timeout-seconds (CIVICPUB_HEADER_TIMEOUT_SECONDS): at least 1"
                    .into(),
            ));
        }
        let log_format = match self
            .log_format
            .clone()
            .or(file.log_format)
            .as_deref()
            .unwrap_or("text")
        {
            "text" => LogFormat::Text,
            "json" => LogFormat::Json,
            other => {
                return Err(ConfigError(format!(
                    "invalid --log-format '{other}' (CIVICPUB_LOG_FORMAT): text or json"
                )))
            }
        };
        Ok(Config {
            http: HttpLimits {
                max_connections,
                header_timeout: std::time::Duration::from_secs(header_timeout),
            },
            log_format,
            inbox_rate_limit,
            consultation_updates: std::time::Duration::from_secs(consultation_update_seconds),
            show_followers: self.show_followers.or(file.show_followers).unwrap_or(false),
            secure_mode: self.secure_mode.or(file.secure_mode).unwrap_or(false),
            delivery,
            listen,
            base,
            database_url,
            data_dir,
            insecure_dev,
            city,
            city_name: city_name.trim().to_string(),
            language,
            timezone,
        })
    }
}

fn read_file(path: &Path) -> Result<FileOptions, ConfigError> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        ConfigError(format!(
            "cannot read configuration file {} (--config): {e}",
            path.display()
        ))
    })?;
    toml::from_str(&text).map_err(|e| {
        let msg = e.message().to_string();
        ConfigError(format!(
            "invalid configuration file {}: {msg}",
            path.display()
        ))
    })
}

fn default_sqlite_url(data_dir: &Path) -> String {
    format!("sqlite://{}", data_dir.join("civicpub.db").display())
}

/// A city's name when none is given: the first word of its domain, as a name
/// ("bologna.example" is "Bologna", "www.lyon.fr" "Lyon"), else the host.
fn default_city_name(host: &str) -> String {
    host.split('.')
        .find(|l| !l.is_empty() && !l.starts_with("www"))
        .filter(|_| host.parse::<std::net::IpAddr>().is_err() && host != "localhost")
        .map(|l| {
            let mut c = l.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect())
                .unwrap_or_default()
        })
        .unwrap_or_else(|| host.to_string())
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_city_is_named_after_its_domain_by_default() {
        assert_eq!(super::default_city_name("bologna.example"), "Bologna");
        assert_eq!(super::default_city_name("www.lyon.fr"), "Lyon");
        assert_eq!(super::default_city_name("127.0.0.1"), "127.0.0.1");
        assert_eq!(super::default_city_name("localhost"), "localhost");
    }

    use super::*;

    #[test]
    fn defaults() {
        let c = Options::default().resolve().unwrap();
        assert_eq!(c.listen.to_string(), "127.0.0.1:8080");
        assert_eq!(c.base.as_str(), "http://localhost:8080/");
        assert_eq!(c.database_url, "sqlite://data/civicpub.db");
        assert_eq!(c.city.as_str(), "city");
        assert!(!c.insecure_dev);
    }

    #[test]
    fn flags_win_over_the_file() {
        let dir = std::env::temp_dir().join(format!("civicpub-config-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("civicpub.toml");
        std::fs::write(
            &file,
            "domain = \"milan.example\"\ncity = \"milano\"\nlisten = \"0.0.0.0:9000\"\n",
        )
        .unwrap();
        let opts = Options {
            config: Some(file.clone()),
            city: Some("comune".into()),
            ..Default::default()
        };
        let c = opts.resolve().unwrap();
        assert_eq!(c.base.as_str(), "https://milan.example/");
        assert_eq!(c.city.as_str(), "comune");
        assert_eq!(c.listen.to_string(), "0.0.0.0:9000");
        std::fs::write(&file, "domian = \"typo.example\"\n").unwrap();
        let err = opts.resolve().unwrap_err().to_string();
        assert!(err.contains("domian"), "{err}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn bad_values_name_their_setting() {
        let bad = |o: Options, needle: &str| {
            let e = o.resolve().unwrap_err().to_string();
            assert!(e.contains(needle), "{e}");
        };
        bad(
            Options {
                listen: Some("8080".into()),
                ..Default::default()
            },
            "--listen",
        );
        bad(
            Options {
                domain: Some("https://x.example".into()),
                ..Default::default()
            },
            "--domain",
        );
        bad(
            Options {
                database_url: Some("mysql://x".into()),
                ..Default::default()
            },
            "--database-url",
        );
        bad(
            Options {
                city: Some("Not Valid".into()),
                ..Default::default()
            },
            "--city",
        );
        bad(
            Options {
                language: Some("english".into()),
                ..Default::default()
            },
            "--language",
        );
    }

    #[test]
    fn language_tags() {
        for ok in ["en", "nl", "sq", "pt-BR", "zh-Hant-TW"] {
            assert!(is_language_tag(ok), "{ok}");
        }
        for bad in ["", "e", "EN", "english", "en_US", "en-"] {
            assert!(!is_language_tag(bad), "{bad}");
        }
    }
}
