//! The one piece of DER a seal needs written: the `IssuerSerial` behind a JAdES `kid`.

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
}
