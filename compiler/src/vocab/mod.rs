//! Controlled vocabularies (ELM lists) and the ESCO skills index, loaded from `stdlib/`.
