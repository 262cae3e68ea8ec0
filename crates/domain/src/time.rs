use chrono::{DateTime, SecondsFormat, Utc};

/// A point in time, stored as milliseconds since the Unix epoch (UTC).
///
/// Both database backends keep it as a 64-bit integer, which sorts and compares
/// the same everywhere and needs no time-zone handling in SQL.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(transparent)]
pub struct Timestamp(pub i64);

impl Timestamp {
    pub fn now() -> Self {
        Timestamp(Utc::now().timestamp_millis())
    }

    pub fn millis(self) -> i64 {
        self.0
    }

    pub fn to_datetime(self) -> DateTime<Utc> {
        DateTime::from_timestamp_millis(self.0).unwrap_or_default()
    }

    /// RFC 3339 in UTC with second precision, as ActivityPub documents carry it.
    pub fn to_rfc3339(self) -> String {
        self.to_datetime()
            .to_rfc3339_opts(SecondsFormat::Secs, true)
    }

    /// RFC 3339 in UTC with milliseconds: for `updated`, where two edits in one
    /// second must still be told apart (receivers apply only newer copies).
    pub fn to_rfc3339_millis(self) -> String {
        self.to_datetime()
            .to_rfc3339_opts(SecondsFormat::Millis, true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_as_utc_seconds() {
        assert_eq!(
            Timestamp(1_700_000_000_123).to_rfc3339(),
            "2023-11-14T22:13:20Z"
        );
    }
}
