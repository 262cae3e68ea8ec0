//! The federation policy: one source of truth ([`FederationPolicy::allows`]),
//! checked when something arrives, when the node fetches, and again when each
//! delivery is about to be sent.

use crate::{Generation, Node, Result, ServiceError};
use civicpub_domain::{parse_domain, DomainRule, FederationMode, FederationPolicy};
use civicpub_store::Store;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

/// How long a process trusts the policy it read. A change made by this
/// process applies at once; one made by another process as soon as this one
/// sees the database's change counter move (a quarter of a second in `serve`),
/// and within this time in any case.
const FRESH: Duration = Duration::from_secs(2);

type Cached = (Instant, Generation, Arc<FederationPolicy>);

#[derive(Default)]
pub(crate) struct PolicyCache(RwLock<Option<Cached>>);

impl PolicyCache {
    pub(crate) async fn get(
        &self,
        store: &Store,
        now: Generation,
    ) -> Result<Arc<FederationPolicy>> {
        if let Some((at, read, p)) = self.0.read().unwrap_or_else(|e| e.into_inner()).as_ref() {
            if at.elapsed() < FRESH && *read == now {
                return Ok(p.clone());
            }
        }
        let policy = Arc::new(store.federation_policy().await?);
        *self.0.write().unwrap_or_else(|e| e.into_inner()) =
            Some((Instant::now(), now, policy.clone()));
        Ok(policy)
    }

    fn forget(&self) {
        *self.0.write().unwrap_or_else(|e| e.into_inner()) = None;
    }
}

impl Node {
    /// Whether the policy lets the node talk to `host` (`host[:port]`).
    pub async fn host_allowed(&self, host: &str) -> Result<bool> {
        Ok(self.federation_policy().await?.allows(host))
    }

    /// Refuses `host` when the policy does not allow it.
    pub(crate) async fn require_allowed(&self, host: &str) -> Result<()> {
        if self.host_allowed(host).await? {
            Ok(())
        } else {
            Err(ServiceError::Forbidden(format!(
                "{host} is not federated with"
            )))
        }
    }

    /// Sets the mode: `open`, `allowlist` or `blocklist`.
    pub async fn set_federation_mode(&self, mode: &str) -> Result<Arc<FederationPolicy>> {
        let mode = FederationMode::parse(mode.trim())
            .ok_or_else(|| ServiceError::field("mode", "open, allowlist or blocklist"))?;
        self.store.set_federation_mode(mode).await?;
        self.policy_changed().await
    }

    /// Lists a domain as `allow`ed or `block`ed.
    pub async fn set_domain_rule(&self, domain: &str, rule: &str) -> Result<Arc<FederationPolicy>> {
        let rule = DomainRule::parse(rule.trim());
        let domain = parse_domain(domain);
        let mut problems = crate::Problems::default();
        if rule.is_none() {
            problems.add("rule", "allow or block");
        }
        if let Err(e) = &domain {
            problems.add("domain", e.to_string());
        }
        let (Some(rule), Ok(domain)) = (rule, domain) else {
            return Err(ServiceError::Invalid(problems.0));
        };
        self.store.set_domain_rule(&domain, Some(rule)).await?;
        if rule == DomainRule::Block {
            // What its accounts said and did here goes with them.
            let touched = self.store.forget_domain(&domain).await?;
            tracing::info!(%domain, consultations = touched.len(), "blocked a domain");
        }
        self.policy_changed().await
    }

    /// Takes a domain off the lists.
    pub async fn remove_domain_rule(&self, domain: &str) -> Result<Arc<FederationPolicy>> {
        let domain =
            parse_domain(domain).map_err(|e| ServiceError::field("domain", e.to_string()))?;
        self.store.set_domain_rule(&domain, None).await?;
        self.policy_changed().await
    }

    async fn policy_changed(&self) -> Result<Arc<FederationPolicy>> {
        self.policy.forget();
        self.changed().await;
        self.federation_policy().await
    }
}
