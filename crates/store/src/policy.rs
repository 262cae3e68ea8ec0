//! The federation policy as stored: the mode is a node setting, the listed
//! domains a table. What the policy means is `civicpub_domain::FederationPolicy`.

use crate::{Store, StoreError};
use civicpub_domain::{DomainRule, FederationMode, FederationPolicy, Timestamp};
use sqlx::Row;

const MODE: &str = "federation_mode";

impl Store {
    /// The policy in force.
    pub async fn federation_policy(&self) -> Result<FederationPolicy, StoreError> {
        let mode = self
            .setting(MODE)
            .await?
            .and_then(|m| FederationMode::parse(&m))
            .unwrap_or_default();
        let rows = sqlx::query("SELECT domain, rule FROM domain_rules ORDER BY domain")
            .fetch_all(&self.pool)
            .await?;
        let mut rules = std::collections::BTreeMap::new();
        for r in rows {
            let rule: String = r.get(1);
            let rule = DomainRule::parse(&rule)
                .ok_or_else(|| StoreError::Corrupt(format!("domain rule '{rule}'")))?;
            rules.insert(r.get(0), rule);
        }
        Ok(FederationPolicy { mode, rules })
    }

    pub async fn set_federation_mode(&self, mode: FederationMode) -> Result<(), StoreError> {
        self.set_setting(MODE, mode.as_str()).await
    }

    /// Lists `domain` with `rule`, or takes it off the lists (`None`).
    pub async fn set_domain_rule(
        &self,
        domain: &str,
        rule: Option<DomainRule>,
    ) -> Result<(), StoreError> {
        match rule {
            Some(rule) => {
                sqlx::query(
                    "INSERT INTO domain_rules (domain, rule, created_at) VALUES ($1, $2, $3) \
                     ON CONFLICT (domain) DO UPDATE SET rule = excluded.rule",
                )
                .bind(domain)
                .bind(rule.as_str())
                .bind(Timestamp::now().millis())
                .execute(&self.pool)
                .await?;
            }
            None => {
                sqlx::query("DELETE FROM domain_rules WHERE domain = $1")
                    .bind(domain)
                    .execute(&self.pool)
                    .await?;
            }
        }
        Ok(())
    }
}
