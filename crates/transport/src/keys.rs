use aws_lc_rs::encoding::{AsDer, Pkcs8V1Der, PublicKeyX509Der};
use aws_lc_rs::rsa::{KeyPair as RsaKeyPair, KeySize};
use aws_lc_rs::signature::KeyPair as _;
use rsa::pkcs8::der::pem::{self, LineEnding};

/// An actor's RSA key pair as PEM: PKCS#8 private key, SubjectPublicKeyInfo public key.
#[derive(Clone)]
pub struct KeyPair {
    pub public_key_pem: String,
    pub private_key_pem: String,
}

impl std::fmt::Debug for KeyPair {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KeyPair")
            .field("public_key_pem", &self.public_key_pem)
            .finish_non_exhaustive()
    }
}

#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error("could not generate an RSA key pair")]
    Generate,
    #[error("could not encode a key: {0}")]
    Encode(String),
    #[error("invalid key: {0}")]
    Invalid(String),
}

/// Makes a fresh RSA-2048 key pair, what every fediverse server can verify.
/// aws-lc-rs generates it in milliseconds where the pure-Rust `rsa` crate takes
/// hundreds of them.
pub fn generate_key_pair() -> Result<KeyPair, KeyError> {
    let pair = RsaKeyPair::generate(KeySize::Rsa2048).map_err(|_| KeyError::Generate)?;
    let private: Pkcs8V1Der = pair.as_der().map_err(|_| KeyError::Generate)?;
    let public: PublicKeyX509Der = pair.public_key().as_der().map_err(|_| KeyError::Generate)?;
    Ok(KeyPair {
        private_key_pem: pem_encode("PRIVATE KEY", private.as_ref())?,
        public_key_pem: pem_encode("PUBLIC KEY", public.as_ref())?,
    })
}

fn pem_encode(label: &str, der: &[u8]) -> Result<String, KeyError> {
    pem::encode_string(label, LineEnding::LF, der).map_err(|e| KeyError::Encode(e.to_string()))
}

/// Parses a PKCS#8 PEM private key for signing.
pub fn parse_private_key(private_key_pem: &str) -> Result<RsaKeyPair, KeyError> {
    let (label, der) = pem::decode_vec(private_key_pem.as_bytes())
        .map_err(|e| KeyError::Invalid(e.to_string()))?;
    if label != "PRIVATE KEY" {
        return Err(KeyError::Invalid(format!(
            "expected a PRIVATE KEY, found {label}"
        )));
    }
    RsaKeyPair::from_pkcs8(&der).map_err(|e| KeyError::Invalid(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_lc_rs::signature::{UnparsedPublicKey, RSA_PKCS1_2048_8192_SHA256, RSA_PKCS1_SHA256};

    #[test]
    fn generated_keys_sign_and_verify_through_their_pem() {
        let pair = generate_key_pair().unwrap();
        assert!(pair
            .public_key_pem
            .starts_with("-----BEGIN PUBLIC KEY-----\n"));
        assert!(pair
            .private_key_pem
            .starts_with("-----BEGIN PRIVATE KEY-----\n"));
        let signer = parse_private_key(&pair.private_key_pem).unwrap();
        let mut sig = vec![0; signer.public_modulus_len()];
        assert_eq!(sig.len(), 256, "RSA-2048");
        signer
            .sign(
                &RSA_PKCS1_SHA256,
                &aws_lc_rs::rand::SystemRandom::new(),
                b"hello",
                &mut sig,
            )
            .unwrap();
        let (_, spki) = pem::decode_vec(pair.public_key_pem.as_bytes()).unwrap();
        // The PEM public key is SubjectPublicKeyInfo; aws-lc-rs verifies from the inner
        // PKCS#1 key, which the `rsa` crate (used by activitypub_federation) reads from SPKI.
        use rsa::pkcs1::EncodeRsaPublicKey;
        use rsa::pkcs8::DecodePublicKey;
        let pkcs1 = rsa::RsaPublicKey::from_public_key_der(&spki)
            .unwrap()
            .to_pkcs1_der()
            .unwrap();
        UnparsedPublicKey::new(&RSA_PKCS1_2048_8192_SHA256, pkcs1.as_bytes())
            .verify(b"hello", &sig)
            .unwrap();
        assert!(parse_private_key(&pair.public_key_pem).is_err());
    }
}
