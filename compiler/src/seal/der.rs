//! The little DER a seal needs: the `IssuerSerial` behind a JAdES `kid` (written), and
//! an ECDSA signature as `openssl dgst -sign` writes it (read).

/// A DER tag-length-value.
fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    let len = content.len();
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes: Vec<u8> = len
            .to_be_bytes()
            .into_iter()
            .skip_while(|b| *b == 0)
            .collect();
        out.push(0x80 | bytes.len() as u8);
        out.extend(bytes);
    }
    out.extend_from_slice(content);
    out
}

/// `IssuerSerial ::= SEQUENCE { issuer GeneralNames, serialNumber INTEGER }` with the
/// issuer as one `directoryName` (`[4]`), from the certificate's raw issuer `Name` and
/// the content octets of its serial number.
pub fn issuer_serial(issuer_name: &[u8], serial: &[u8]) -> Vec<u8> {
    let general_names = tlv(0x30, &tlv(0xA4, issuer_name));
    let mut content = general_names;
    content.extend(tlv(0x02, serial));
    tlv(0x30, &content)
}

/// `Ecdsa-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER }` as the fixed `r || s` form of
/// JWS, each `size` bytes; `None` when `der` is not that.
pub fn ecdsa_fixed(der: &[u8], size: usize) -> Option<Vec<u8>> {
    let (content, rest) = read_tlv(der, 0x30)?;
    if !rest.is_empty() {
        return None;
    }
    let (r, rest) = read_tlv(content, 0x02)?;
    let (s, rest) = read_tlv(rest, 0x02)?;
    if !rest.is_empty() {
        return None;
    }
    let mut fixed = Vec::with_capacity(2 * size);
    for integer in [r, s] {
        let digits = match integer {
            [0, tail @ ..] => tail,
            all => all,
        };
        if digits.len() > size {
            return None;
        }
        fixed.resize(fixed.len() + size - digits.len(), 0);
        fixed.extend_from_slice(digits);
    }
    Some(fixed)
}

/// The content of one TLV with `tag` (short or one/two-byte long length), and what follows.
fn read_tlv(input: &[u8], tag: u8) -> Option<(&[u8], &[u8])> {
    let (&first, rest) = input.split_first()?;
    if first != tag {
        return None;
    }
    let (&length, rest) = rest.split_first()?;
    let (length, rest) = match length {
        0..=0x7F => (usize::from(length), rest),
        0x81 => (usize::from(*rest.first()?), rest.get(1..)?),
        0x82 => (
            usize::from(u16::from_be_bytes([*rest.first()?, *rest.get(1)?])),
            rest.get(2..)?,
        ),
        _ => return None,
    };
    Some((rest.get(..length)?, rest.get(length..)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_use_the_short_and_long_forms() {
        assert_eq!(tlv(0x02, &[1]), [0x02, 1, 1]);
        let long = tlv(0x04, &[0; 200]);
        assert_eq!(&long[..3], &[0x04, 0x81, 200]);
        let longer = tlv(0x04, &[0; 300]);
        assert_eq!(&longer[..4], &[0x04, 0x82, 0x01, 0x2C]);
        assert_eq!(
            issuer_serial(&[0x30, 0], &[5]),
            [0x30, 9, 0x30, 4, 0xA4, 2, 0x30, 0, 0x02, 1, 5]
        );
    }

    #[test]
    fn ecdsa_signatures_lose_their_der_wrapping() {
        let mut r = vec![0x00, 0x80];
        r.extend([1; 31]);
        let s = [2; 3];
        let mut content = tlv(0x02, &r);
        content.extend(tlv(0x02, &s));
        let fixed = ecdsa_fixed(&tlv(0x30, &content), 32).unwrap();
        assert_eq!(fixed.len(), 64);
        assert_eq!(&fixed[..2], &[0x80, 1]);
        assert_eq!(&fixed[32..61], &[0; 29]);
        assert_eq!(&fixed[61..], &s);
        assert_eq!(ecdsa_fixed(&tlv(0x30, &content), 16), None);
        assert_eq!(ecdsa_fixed(&[0x30, 0x05, 0x02], 32), None);
        assert_eq!(ecdsa_fixed(&[], 32), None);
    }
}
