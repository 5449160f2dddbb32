//! Words for the index: runs of Latin letters and digits as words; runs of Japanese (and other
//! CJK) characters as overlapping character pairs, so that text without word spaces is found
//! by any word inside it.

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

#[derive(Clone, Copy, Debug, Default)]
pub struct MixedTokenizer;

pub struct Tokens {
    tokens: Vec<Token>,
    /// One past the current token.
    next: usize,
}

impl TokenStream for Tokens {
    fn advance(&mut self) -> bool {
        if self.next < self.tokens.len() {
            self.next += 1;
            true
        } else {
            false
        }
    }

    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
    }
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFF66..=0xFF9F)
}

impl Tokenizer for MixedTokenizer {
    type TokenStream<'a> = Tokens;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Tokens {
        let mut tokens = Vec::new();
        let mut push = |from: usize, to: usize, text: String| {
            let position = tokens.len();
            tokens.push(Token { offset_from: from, offset_to: to, position, text, position_length: 1 });
        };
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let end_of = |i: usize| chars.get(i + 1).map_or(text.len(), |c| c.0);
        let mut i = 0;
        while i < chars.len() {
            let (start, c) = chars[i];
            if is_cjk(c) {
                let mut j = i;
                while j < chars.len() && is_cjk(chars[j].1) {
                    j += 1;
                }
                if j - i == 1 {
                    push(start, end_of(i), c.to_string());
                } else {
                    for k in i..j - 1 {
                        push(chars[k].0, end_of(k + 1), text[chars[k].0..end_of(k + 1)].to_owned());
                    }
                }
                i = j;
            } else if c.is_alphanumeric() {
                let mut j = i;
                while j < chars.len() && chars[j].1.is_alphanumeric() && !is_cjk(chars[j].1) {
                    j += 1;
                }
                push(start, end_of(j - 1), text[start..end_of(j - 1)].to_owned());
                i = j;
            } else {
                i += 1;
            }
        }
        Tokens { tokens, next: 0 }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        let mut t = MixedTokenizer;
        let mut stream = t.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            out.push(stream.token().text.clone());
        }
        out
    }

    #[test]
    fn latin_words_and_japanese_bigrams() {
        assert_eq!(words("Open RAN, 5G/6G."), ["Open", "RAN", "5G", "6G"]);
        assert_eq!(words("半導体の協力"), ["半導", "導体", "体の", "の協", "協力"]);
        assert_eq!(words("日英 AI協力"), ["日英", "AI", "協力"]);
        assert_eq!(words("英"), ["英"]);
    }
}
