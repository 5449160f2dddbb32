//! Phrases are matched case-insensitively on word boundaries; a trailing `*` matches a prefix
//! ("semiconductor*" also finds "semiconductors").
//!
//! Word lists of the digital-partnership domain: policy areas, equivalent terms, verbs of
//! undertaking and of reporting. General knowledge of how such texts are written — no document's
//! answers live here.

/// Policy areas and the words that signal them, most specific first. The key is what the
/// `area` field carries.
pub const AREAS: &[(&str, &[&str])] = &[
    ("data-infrastructure", &["data infrastructure", "data centre", "data center", "data centers", "data centres", "データセンター"]),
    ("semiconductors", &["semiconductor*", "chip*", "photonics", "半導体"]),
    ("telecoms", &["telecom*", "open ran", "vran", "5g", "6g", "supplier diversity", "vendor diversity", "vendor diversification", "network*", "ntn", "通信", "オープンran", "beyond 5g"]),
    ("cyber", &["cyber*", "secure by design", "iot security", "iot product", "サイバー"]),
    ("ai", &["artificial intelligence", "ai", "compute", "人工知能"]),
    ("online-safety", &["online safety", "disinformation", "media literacy", "harmful online", "illegal content", "オンライン安全"]),
    ("digital-markets", &["digital markets", "competition"]),
    ("standards", &["technical standard*", "standards development", "standardization sector", "standardisation", "standardization", "標準"]),
    ("internet-governance", &["internet governance", "icann", "igf", "wsis", "インターネットガバナンス"]),
    ("digital-identity", &["digital identity", "デジタルid"]),
    ("digital-inclusion", &["all parts of society", "digital inclusion", "digital adoption", "levelling up", "digital garden city"]),
    ("digital-government", &["digital government", "government digital", "gds", "govtech", "procurement", "design system*", "government cloud", "public services", "行政", "デジタル政府"]),
    ("data", &["data", "dfft", "privacy", "cbpr", "adequacy", "data protection", "データ"]),
    ("multilateral", &["g7", "g20", "oecd", "itu", "multilateral", "united nations", "国際"]),
    ("governance", &["council", "governance", "digital group", "senior official", "ministerial"]),
];

/// Groups of terms that mean the same thing in partnership texts. Each group becomes one
/// concept token, so "Stakeholder Roundtable" meets "workshop" and "Open RAN" meets "vendor
/// diversity". Matched case-insensitively on word boundaries.
pub const EQUIVALENCES: &[(&str, &[&str])] = &[
    ("diversity", &["open ran", "openran", "vran", "o-ran", "vendor diversity", "vendor diversification", "supplier diversity", "supplier diversification", "supply chain diversification", "telecoms diversification", "diversification of telecommunication suppliers", "diverse supply", "オープンran", "ベンダー多様化"]),
    ("workshop", &["workshop", "roundtable", "round table", "seminar", "symposium", "stakeholder event", "ワークショップ", "ラウンドテーブル"]),
    ("research", &["r&d", "research and development", "research", "joint call", "research initiatives", "研究開発", "共同研究"]),
    ("future-telecoms", &["beyond 5g", "6g", "b5g", "future telecoms", "future telecom", "next-generation networks", "ntn", "non-terrestrial", "optical network", "all photonics network", "iown"]),
    ("testlab", &["testing lab", "testing labs", "test lab", "telecoms lab", "testbed", "test bed", "test facility", "sonic labs", "integration lab", "installing and integrating", "testing"]),
    ("dfft", &["dfft", "data free flow with trust", "cross-border data", "cross border data", "data flows", "flow of data", "data localisation", "data localization"]),
    ("cbpr", &["cbpr", "cross border privacy rules", "cross-border privacy rules"]),
    ("regulator", &["adequacy", "data protection regulators", "data protection regulator", "regulatory cooperation", "personal information protection commission", "information commissioner", "ppc", "ico"]),
    ("ai-safety", &["ai safety", "safety institute", "safety institutes", "frontier ai", "safety testing", "ai safety summit"]),
    ("knowledge", &["share information", "sharing information", "information sharing", "exchange information", "exchanged knowledge", "knowledge exchange", "knowledge sharing", "share knowledge", "exchange best practice", "exchanging best practice", "share best practice", "best practice", "lessons learnt", "policy exchanges", "sharing of views", "expertise"]),
    ("iot", &["iot", "internet of things", "connected products", "internet-connected products", "secure by design", "product security"]),
    ("cyber-skills", &["cyber skills", "cyber as a profession", "cyber profession"]),
    ("digital-supply-chain", &["digital supply chain", "digital supply chains", "system integrators", "digital service providers", "insecure software", "software security"]),
    ("data-infrastructure", &["data centre", "data center", "data centres", "data centers", "data infrastructure", "critical national infrastructure"]),
    ("cloud", &["cloud", "government cloud", "cloud services"]),
    ("procurement", &["digital marketplace", "procurement"]),
    ("design", &["user-centred design", "user-centered design", "user centred design", "design systems", "design system"]),
    ("online-safety", &["online safety", "harmful content", "illegal content", "online environment", "platform act"]),
    ("standards-bodies", &["standards development organisations", "standards development organizations", "standards bodies", "standards setting", "standardization sector", "world telecommunication standardization assembly", "itu-t", "iso", "iec", "ieee"]),
    ("supply-resilience", &["supply chain resilience", "resilience of the supply chain", "reliable supply", "resilient supply chain", "supply chains"]),
    ("industry", &["industry", "businesses", "companies", "smes", "delegation", "stakeholder", "stakeholders", "industry and academia", "industry-academia"]),
    ("mission", &["mission", "delegation", "expert mission", "trade mission"]),
    ("hiroshima-ai", &["hiroshima ai process", "hiroshima process", "広島aiプロセス"]),
    ("digital-government", &["digital government", "government digital service", "digital agency", "public services"]),
    ("capacity-building", &["capacity building", "capacity-building"]),
    ("g7", &["g7", "group of seven", "g7 presidency"]),
];

/// Words that carry no topic in these texts.
pub const STOP_WORDS: &[&str] = &[
    "a", "about", "above", "across", "after", "again", "all", "also", "am", "among", "an", "and",
    "any", "are", "as", "at", "be", "been", "being", "between", "both", "but", "by", "can", "could",
    "did", "do", "does", "each", "either", "et", "etc", "for", "from", "further", "had", "has",
    "have", "having", "he", "her", "here", "hereafter", "his", "how", "i", "if", "in", "including",
    "into", "is", "it", "its", "itself", "may", "might", "more", "most", "must", "my", "no", "nor",
    "not", "of", "on", "one", "only", "or", "other", "our", "out", "over", "own", "same", "shall",
    "she", "should", "so", "some", "such", "than", "that", "the", "their", "them", "then", "there",
    "these", "they", "this", "those", "through", "to", "too", "under", "until", "up", "upon", "us",
    "very", "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom", "why",
    "will", "with", "within", "would", "you", "your", "participant", "participants", "partnership",
    "side", "sides", "two", "countries", "country", "japan", "japanese", "uk", "united", "kingdom",
    "british", "government", "governments", "year", "years", "work", "working", "together", "ensure",
    "support", "well", "like", "new", "first", "second", "third", "continue", "continued",
];

/// Verbs that report that something happened (the evidence is concrete).
pub const EVENT_VERBS: &[&str] = &[
    "held", "hosted", "launched", "signed", "attended", "issued", "published", "conducted",
    "convened", "organised", "organized", "took place", "took part", "participated", "delivered",
    "completed", "established", "installed", "integrated", "exchanged", "presented", "reported",
    "updated on", "met", "visited", "brought", "designated", "connected", "adopted", "agreed upon",
    "opened", "announced", "released", "joined", "endorsed", "welcomed the launch", "has been set up",
    "were set up", "was set up", "demonstration", "experiment", "passed", "enacted", "came into force",
    "開催した", "開催された", "署名した", "署名された", "立ち上げた", "実施した", "発表した", "公表した", "参加した",
];

/// Phrases of a restatement: they never count as progress.
pub const RESTATEMENT_CUES: &[&str] = &[
    "reaffirmed", "reaffirm", "reiterated", "confirmed their commitment", "confirmed the importance",
    "recognised", "recognise", "recognized", "recognize", "welcomed", "welcome", "affirmed",
    "underlined", "stressed", "emphasised", "emphasized", "highlighted", "acknowledged",
    "continue to", "continues to", "looked forward", "look forward", "を確認した", "を歓迎した", "を再確認した",
];

/// Phrases that claim progress without naming an event.
pub const PROGRESS_CUES: &[&str] = &[
    "progress has been made", "made progress", "significant progress", "are exploring", "is exploring",
    "is working to", "are working to", "has continued", "have continued", "continued to strengthen",
    "underway", "under way", "in progress", "advanced", "has deepened", "have deepened", "進めている",
];

/// Words that mark a one-off deliverable rather than a continuing activity.
pub const ONE_OFF_CUES: &[&str] = &[
    "hold", "holding", "host", "hosting", "launch", "launching", "publish", "publishing", "sign",
    "signing", "send", "sending", "organise", "organize", "convene", "complete", "set up",
    "workshop", "roundtable", "mission", "project", "conference", "summit", "report", "study",
    "joint statement", "memorandum", "開催", "署名", "立ち上げ",
];

/// Words of governance undertakings: the partnership's own bodies and arrangements.
pub const GOVERNANCE_CUES: &[&str] = &[
    "digital council", "digital group", "ministerial group", "senior official", "director-general",
    "governance arrangements", "implementation committee", "joint engagement with industry",
    "will be reviewed", "annual meeting", "handling and processing of sensitive", "scope and objectives",
    "working group", "points of contact",
];

/// Words that make an undertaking soft.
pub const SOFT_CUES: &[&str] = &[
    "look to", "looks to", "look forward", "explore", "exploring", "consider", "scope", "endeavour",
    "endeavor", "seek to", "aim to", "aims to", "where appropriate", "where relevant", "possibility",
    "may ", "opportunities", "the need to", "a need to", "is working to", "are working to",
    "検討", "目指す",
];

/// Nouns that can be the subject of an undertaking.
pub const ACTOR_WORDS: &[&str] = &[
    "participant", "participants", "side", "sides", "countries", "country", "nations", "governments",
    "government", "partnership", "ministry", "ministries", "department", "agency", "agencies",
    "we", "they", "both", "japan", "uk", "britain", "kingdom", "states", "ministers", "minister",
    "officials", "regulators", "council", "commission", "office", "service",
];

/// Verbs in their base form, for imperative list items ("Maintain, expand and promote…").
pub const BASE_VERBS: &[&str] = &[
    "accelerate", "address", "adopt", "advance", "advocate", "align", "analyse", "assess", "assist",
    "broker", "build", "champion", "collaborate", "compare", "conduct", "consider", "continue",
    "contribute", "cooperate", "coordinate", "create", "deepen", "define", "deliver", "deploy",
    "design", "develop", "discuss", "drive", "enable", "encourage", "engage", "enhance", "ensure",
    "establish", "examine", "exchange", "expand", "explore", "facilitate", "focus", "formalise",
    "formalize", "foster", "harness", "help", "hold", "identify", "implement", "improve", "increase",
    "influence", "invest", "jointly", "launch", "lead", "leverage", "maintain", "maximise",
    "maximize", "mobilise", "monitor", "operationalise", "operationalize", "organise", "organize",
    "participate", "pilot", "prepare", "prioritise", "progress", "promote", "protect", "provide",
    "publish", "pursue", "raise", "realise", "realize", "reduce", "reform", "reinforce", "review",
    "scale", "secure", "seek", "set", "share", "stimulate", "strengthen", "structure", "study",
    "support", "tackle", "test", "undertake", "update", "uphold", "work",
];
