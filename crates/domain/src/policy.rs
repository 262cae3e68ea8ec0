//! The federation policy: with whom the node federates. One rule, applied to
//! what arrives (inboxes, fetches) and to what leaves (deliveries, at the moment
//! each one is sent).

use std::collections::BTreeMap;

/// Open federation, only listed domains, or all but listed domains.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FederationMode {
    #[default]
    Open,
    Allowlist,
    Blocklist,
}

impl FederationMode {
    pub const ALL: [FederationMode; 3] = [
        FederationMode::Open,
        FederationMode::Allowlist,
        FederationMode::Blocklist,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            FederationMode::Open => "open",
            FederationMode::Allowlist => "allowlist",
            FederationMode::Blocklist => "blocklist",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.as_str() == s)
    }
}

/// What the policy says of one listed domain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DomainRule {
    Allow,
    Block,
}

impl DomainRule {
    pub fn as_str(self) -> &'static str {
        match self {
            DomainRule::Allow => "allow",
            DomainRule::Block => "block",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "allow" => Some(DomainRule::Allow),
            "block" => Some(DomainRule::Block),
            _ => None,
        }
    }
}

/// The mode and the listed domains (`host` or `host:port`, lower case).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FederationPolicy {
    pub mode: FederationMode,
    pub rules: BTreeMap<String, DomainRule>,
}

impl FederationPolicy {
    /// Whether the node talks to `host` (`host[:port]`).
    pub fn allows(&self, host: &str) -> bool {
        let rule = self.rules.get(host).copied();
        match self.mode {
            FederationMode::Open => true,
            FederationMode::Blocklist => rule != Some(DomainRule::Block),
            FederationMode::Allowlist => rule == Some(DomainRule::Allow),
        }
    }
}

/// A domain as the policy lists it: `host` or `host:port`, lower case, without
/// scheme or path.
pub fn parse_domain(d: &str) -> Result<String, crate::NodeBaseError> {
    crate::NodeBase::new(&d.trim().to_ascii_lowercase(), true).map(|b| b.domain().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_mode_reads_the_list_its_own_way() {
        let mut p = FederationPolicy::default();
        p.rules.insert("bad.example".into(), DomainRule::Block);
        p.rules.insert("good.example".into(), DomainRule::Allow);
        assert!(p.allows("bad.example"), "open ignores the lists");
        p.mode = FederationMode::Blocklist;
        assert!(!p.allows("bad.example"));
        assert!(p.allows("other.example"));
        p.mode = FederationMode::Allowlist;
        assert!(p.allows("good.example"));
        assert!(!p.allows("other.example"));
        assert!(!p.allows("bad.example"));
    }

    #[test]
    fn domains_are_normalised() {
        assert_eq!(
            parse_domain(" Bad.Example:8443 ").unwrap(),
            "bad.example:8443"
        );
        assert!(parse_domain("https://x.example/").is_err());
    }
}
