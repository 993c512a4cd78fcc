/// The TeX commands the converter knows, by kind. Atom classes follow TeX's (ord, op,
/// bin, rel, open, close, punct), which decide the spacing.
enum TeXSymbols {
    static let greek: [String: String] = [
        "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ϵ", "varepsilon": "ε", "zeta": "ζ",
        "eta": "η", "theta": "θ", "vartheta": "ϑ", "iota": "ι", "kappa": "κ", "varkappa": "ϰ", "lambda": "λ",
        "mu": "μ", "nu": "ν", "xi": "ξ", "omicron": "ο", "pi": "π", "varpi": "ϖ", "rho": "ρ", "varrho": "ϱ",
        "sigma": "σ", "varsigma": "ς", "tau": "τ", "upsilon": "υ", "phi": "ϕ", "varphi": "φ", "chi": "χ",
        "psi": "ψ", "omega": "ω", "digamma": "ϝ",
    ]

    /// Upper-case Greek is upright in TeX.
    static let upperGreek: [String: String] = [
        "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π", "Sigma": "Σ",
        "Upsilon": "Υ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
    ]

    /// Ordinary symbols drawn as identifiers.
    static let ordinary: [String: String] = [
        "infty": "∞", "partial": "∂", "forall": "∀", "exists": "∃", "nexists": "∄", "emptyset": "∅",
        "varnothing": "∅", "ell": "ℓ", "hbar": "ℏ", "imath": "ı", "jmath": "ȷ", "Re": "ℜ", "Im": "ℑ",
        "aleph": "ℵ", "top": "⊤", "bot": "⊥", "angle": "∠", "triangle": "△", "checkmark": "✓",
        "dagger": "†", "ddagger": "‡", "prime": "′", "backslash": "∖", "neg": "¬", "lnot": "¬",
        "clubsuit": "♣", "diamondsuit": "♢", "heartsuit": "♡", "spadesuit": "♠", "flat": "♭",
        "sharp": "♯", "natural": "♮", "degree": "°", "S": "§", "P": "¶", "intercal": "⊺",
    ]

    static let binary: [String: String] = [
        "cdot": "⋅", "times": "×", "div": "÷", "pm": "±", "mp": "∓", "odot": "⊙", "otimes": "⊗",
        "oplus": "⊕", "ominus": "⊖", "oslash": "⊘", "circ": "∘", "ast": "∗", "star": "⋆", "cup": "∪",
        "cap": "∩", "setminus": "∖", "wedge": "∧", "vee": "∨", "land": "∧", "lor": "∨", "bullet": "∙",
        "sqcup": "⊔", "sqcap": "⊓", "uplus": "⊎", "amalg": "⨿", "diamond": "⋄", "wr": "≀",
        "cdotp": "⋅", "bigtriangleup": "△", "bigtriangledown": "▽",
    ]

    static let relations: [String: String] = [
        "le": "≤", "leq": "≤", "ge": "≥", "geq": "≥", "ne": "≠", "neq": "≠", "approx": "≈", "sim": "∼",
        "simeq": "≃", "cong": "≅", "propto": "∝", "equiv": "≡", "in": "∈", "notin": "∉", "ni": "∋",
        "subset": "⊂", "subseteq": "⊆", "supset": "⊃", "supseteq": "⊇", "subsetneq": "⊊", "to": "→",
        "rightarrow": "→", "leftarrow": "←", "gets": "←", "Rightarrow": "⇒", "Leftarrow": "⇐", "iff": "⟺",
        "implies": "⟹", "impliedby": "⟸", "mapsto": "↦", "leftrightarrow": "↔", "Leftrightarrow": "⇔",
        "longrightarrow": "⟶", "longleftarrow": "⟵", "Longrightarrow": "⟹", "longmapsto": "⟼",
        "uparrow": "↑", "downarrow": "↓", "updownarrow": "↕", "Uparrow": "⇑", "Downarrow": "⇓",
        "nearrow": "↗", "searrow": "↘", "hookrightarrow": "↪", "rightharpoonup": "⇀",
        "mid": "∣", "nmid": "∤", "parallel": "∥", "perp": "⊥", "ll": "≪", "gg": "≫", "prec": "≺",
        "succ": "≻", "preceq": "⪯", "succeq": "⪰", "models": "⊨", "vdash": "⊢", "dashv": "⊣",
        "coloneqq": "≔", "doteq": "≐", "asymp": "≍", "lessgtr": "≶", "leqslant": "⩽", "geqslant": "⩾",
        "lesssim": "≲", "gtrsim": "≳", "triangleq": "≜", "smile": "⌣", "frown": "⌢",
    ]

    static let punctuation: [String: String] = ["colon": ":", "ldotp": "."]

    /// Symbols of other packages that notes copy from elsewhere (texvc, stmaryrd, KaTeX).
    static let extraSymbols: [String: (String, TeXAtom.Kind)] = [
        "And": ("&", .binary), "Perp": ("⫫", .relation), "with": ("&", .binary), "parr": ("⅋", .binary),
        "multimapinv": ("⟜", .relation), "minuso": ("⦵", .ordinary), "standardstate": ("⦵", .ordinary),
        "AA": ("Å", .ordinary), "O": ("Ø", .ordinary), "o": ("ø", .ordinary), "oc": ("!", .ordinary), "wn": ("?", .ordinary),
        "shpos": ("▵", .ordinary), "shneg": ("▿", .ordinary), "coh": ("⁐", .relation), "incoh": ("⌣", .relation),
        "scoh": ("⁐", .relation), "sincoh": ("⌣", .relation), "empty": ("∅", .ordinary), "rq": ("’", .ordinary),
        "lq": ("‘", .ordinary),
    ]

    /// `\dots` itself looks at what follows (see `TeXCommands`).
    static let dots: [String: String] = [
        "ldots": "…", "cdots": "⋯", "vdots": "⋮", "ddots": "⋱", "dotsc": "…", "dotsb": "⋯", "dotsm": "⋯", "dotsi": "⋯",
        "dotso": "…", "mathellipsis": "…", "iddots": "⋰", "adots": "⋰",
    ]

    /// Delimiters usable after `\left`, `\right`, `\big` and bare.
    static let delimiters: [String: (String, TeXAtom.Kind)] = [
        "(": ("(", .open), ")": (")", .close), "[": ("[", .open), "]": ("]", .close),
        "\\{": ("{", .open), "\\}": ("}", .close), "\\lbrace": ("{", .open), "\\rbrace": ("}", .close),
        "\\langle": ("⟨", .open), "\\rangle": ("⟩", .close), "<": ("⟨", .open), ">": ("⟩", .close),
        "\\lfloor": ("⌊", .open), "\\rfloor": ("⌋", .close), "\\lceil": ("⌈", .open), "\\rceil": ("⌉", .close),
        "|": ("|", .ordinary), "\\|": ("‖", .ordinary), "\\vert": ("|", .ordinary), "\\Vert": ("‖", .ordinary),
        "\\lvert": ("|", .open), "\\rvert": ("|", .close), "\\lVert": ("‖", .open), "\\rVert": ("‖", .close),
        "/": ("/", .ordinary), "\\backslash": ("∖", .ordinary), "\\uparrow": ("↑", .ordinary),
        "\\downarrow": ("↓", .ordinary), ".": ("", .ordinary), "\\lbrack": ("[", .open), "\\rbrack": ("]", .close),
    ]

    /// Big operators; the flag says whether limits go under and over in display style.
    static let bigOperators: [String: (String, Bool)] = [
        "sum": ("∑", true), "prod": ("∏", true), "coprod": ("∐", true), "bigcup": ("⋃", true),
        "bigcap": ("⋂", true), "bigoplus": ("⨁", true), "bigotimes": ("⨂", true), "bigodot": ("⨀", true),
        "bigvee": ("⋁", true), "bigwedge": ("⋀", true), "bigsqcup": ("⨆", true), "biguplus": ("⨄", true),
        "int": ("∫", false), "iint": ("∬", false), "iiint": ("∭", false), "oint": ("∮", false), "intop": ("∫", true),
        "smallint": ("∫", false),
    ]

    /// Function names (upright, followed by a thin space); the flag: limits in display.
    static let functions: [String: Bool] = [
        "log": false, "ln": false, "lg": false, "exp": false, "sin": false, "cos": false, "tan": false, "sec": false,
        "csc": false, "cot": false, "sinh": false, "cosh": false, "tanh": false, "coth": false, "arcsin": false,
        "arccos": false, "arctan": false, "arg": false, "deg": false, "dim": false, "hom": false, "ker": false,
        "det": true, "gcd": true, "Pr": true, "lim": true, "liminf": true, "limsup": true, "max": true,
        "min": true, "sup": true, "inf": true, "arcctg": false, "arctg": false, "ch": false, "cosec": false, "cotg": false,
        "ctg": false, "cth": false, "sh": false, "tg": false, "th": false, "sgn": false, "injlim": true, "projlim": true,
        "varliminf": true, "varlimsup": true, "varinjlim": true, "varprojlim": true, "argmax": true, "argmin": true,
    ]

    static let displayNames: [String: String] = [
        "liminf": "lim inf", "limsup": "lim sup", "injlim": "inj lim", "projlim": "proj lim", "varliminf": "lim",
        "varlimsup": "lim", "varinjlim": "lim", "varprojlim": "lim", "argmax": "arg max", "argmin": "arg min",
    ]

    /// Accents: the mark, and whether it stretches over the whole argument.
    static let accents: [String: (String, Bool)] = [
        // Stretchy marks Latin Modern Math can widen in Chromium (checked by eye): U+0302
        // for a wide hat, U+0332 for a line; its tilde does not widen.
        "hat": ("^", false), "widehat": ("\u{0302}", true), "tilde": ("~", false), "widetilde": ("~", true),
        "bar": ("‾", false), "overline": ("\u{0332}", true), "vec": ("→", false), "overrightarrow": ("→", true),
        "overleftarrow": ("←", true), "dot": ("˙", false), "ddot": ("¨", false), "check": ("ˇ", false),
        "breve": ("˘", false), "acute": ("´", false), "grave": ("`", false), "mathring": ("˚", false),
        "overbrace": ("⏞", true), "overleftrightarrow": ("↔", true), "widecheck": ("ˇ", true), "wideparen": ("⏜", true),
        "overgroup": ("⏠", true), "Overrightarrow": ("⇒", true), "dddot": ("\u{20DB}", false), "ddddot": ("\u{20DC}", false),
        "overbracket": ("⎴", true), "overlinesegment": ("‾", true), "overleftharpoon": ("↼", true),
        "overrightharpoon": ("⇀", true),
    ]

    static let underAccents: [String: String] = [
        "underline": "\u{0332}", "underbrace": "⏟", "underrightarrow": "→", "underleftarrow": "←",
        "underleftrightarrow": "↔", "utilde": "~", "underbar": "\u{0332}", "undergroup": "⏡", "underlinesegment": "‾", "underbracket": "⎵",
    ]

    /// `\xrightarrow[below]{above}` and friends: arrows that stretch under their labels.
    static let extensibleArrows: [String: String] = [
        "xrightarrow": "→", "xleftarrow": "←", "xRightarrow": "⇒", "xLeftarrow": "⇐", "xleftrightarrow": "↔",
        "xLeftrightarrow": "⇔", "xhookleftarrow": "↩", "xhookrightarrow": "↪", "xmapsto": "↦", "xrightharpoondown": "⇁",
        "xrightharpoonup": "⇀", "xleftharpoondown": "↽", "xleftharpoonup": "↼", "xrightleftharpoons": "⇌",
        "xleftrightharpoons": "⇋", "xtwoheadrightarrow": "↠", "xtwoheadleftarrow": "↞", "xlongequal": "=",
        "xtofrom": "⇄", "xrightleftarrows": "⇄", "xleftrightarrows": "⇆", "xrightequilibrium": "⇌", "xleftequilibrium": "⇋",
    ]

    /// `\red{x}` and the other one-word colour commands KaTeX knows.
    static let namedColors: [String: String] = [
        "red": "#df0030", "green": "#28ae7b", "blue": "#3f5fbf", "orange": "#ff7f00", "pink": "#e91e63", "purple": "#9d38bd",
        "gray": "gray", "yellow": "#ffd700", "teal": "#14a3a3", "gold": "#daa520", "maroon": "#800000", "mintA": "#f5f9e8",
        "blueA": "#ccfaff", "blueB": "#80f6ff", "blueC": "#63d9ea", "blueD": "#11accd", "blueE": "#0c7f99",
        "tealA": "#94fff5", "tealB": "#26edd5", "tealC": "#01d1c1", "tealD": "#01a995", "tealE": "#208170",
        "greenA": "#b6ffb0", "greenB": "#8af281", "greenC": "#74cf70", "greenD": "#1fab54", "greenE": "#0d923f",
        "goldA": "#ffd0a9", "goldB": "#ffbb71", "goldC": "#ff9c39", "goldD": "#e07d10", "goldE": "#a75a05",
        "redA": "#fca9a9", "redB": "#ff8482", "redC": "#f9685d", "redD": "#e84d39", "redE": "#bc2612",
        "maroonA": "#ffbde0", "maroonB": "#ff92c6", "maroonC": "#ed5fa6", "maroonD": "#ca337c", "maroonE": "#9e034e",
        "purpleA": "#ddd7ff", "purpleB": "#c6b9fc", "purpleC": "#aa87ff", "purpleD": "#7854ab", "purpleE": "#543b78",
        "grayA": "#f6f7f7", "grayB": "#f0f1f2", "grayC": "#e3e5e6", "grayD": "#d6d8da", "grayE": "#babec2",
        "grayF": "#888d93", "grayG": "#626569", "grayH": "#3b3e40", "grayI": "#21242c", "kaBlue": "#314453", "kaGreen": "#71b307",
    ]

    /// `\mathrel{…}` and friends: the argument as an atom of a given class.
    static let classCommands: [String: TeXAtom.Kind] = [
        "mathord": .ordinary, "mathop": .largeOperator, "mathbin": .binary, "mathrel": .relation, "mathopen": .open,
        "mathclose": .close, "mathpunct": .punctuation, "mathinner": .ordinary,
    ]

    /// The class of a symbol typed as itself (`≤`, `→`, `∑`), as its command has it.
    static func kind(of scalar: Unicode.Scalar) -> TeXAtom.Kind? { typedSymbols[String(scalar)] }

    private static let typedSymbols: [String: TeXAtom.Kind] = {
        var kinds: [String: TeXAtom.Kind] = [:]
        for table in [binary, amsBinary] { for symbol in table.values where symbol.unicodeScalars.count == 1 { kinds[symbol] = .binary } }
        for table in [relations, amsRelations] { for symbol in table.values where symbol.unicodeScalars.count == 1 { kinds[symbol] = .relation } }
        for table in [bigOperators, amsBigOperators] { for (symbol, _) in table.values { kinds[symbol] = .largeOperator } }
        for table in [ordinary, amsOrdinary] { for symbol in table.values where symbol.unicodeScalars.count == 1 { kinds[symbol] = kinds[symbol] ?? .ordinary } }
        return kinds
    }()

    /// Horizontal spaces in em.
    static let spaces: [String: Double] = [
        ",": 0.1667, "thinspace": 0.1667, ":": 0.2222, ">": 0.2222, "medspace": 0.2222, ";": 0.2778,
        "thickspace": 0.2778, "!": -0.1667, "negthinspace": -0.1667, "quad": 1, "qquad": 2, " ": 0.25,
        "enspace": 0.5, "negmedspace": -0.2222, "negthickspace": -0.2778, "space": 0.25, "nobreak": 0,
        "allowbreak": 0, "relax": 0, "mathsurround": 0,
    ]

    static let fonts: [String: MathAlphabet?] = [
        "mathbf": .bold, "mathit": .italic, "mathbb": .doubleStruck, "mathcal": .script, "mathscr": .script,
        "mathfrak": .fraktur, "mathsf": .sansSerif, "mathtt": .monospace, "boldsymbol": .boldItalic,
        "bm": .boldItalic, "mathrm": nil, "mathnormal": nil, "mathbbm": .doubleStruck, "mathbbb": .doubleStruck,
        "mathbfit": .boldItalic, "pmb": .boldItalic, "mathsfit": .sansSerifItalic, "Bbb": .doubleStruck, "frak": .fraktur, "mathup": nil,
    ]

    /// `\big` and friends: the delimiter's size in em (as KaTeX draws them).
    static let sizes: [String: Double] = [
        "big": 1.2, "bigl": 1.2, "bigr": 1.2, "bigm": 1.2, "Big": 1.623, "Bigl": 1.623, "Bigr": 1.623, "Bigm": 1.623,
        "bigg": 2.047, "biggl": 2.047, "biggr": 2.047, "biggm": 2.047, "Bigg": 2.470, "Biggl": 2.470, "Biggr": 2.470,
        "Biggm": 2.470,
    ]

    /// Single characters as TeX classifies them.
    static func character(_ scalar: Unicode.Scalar) -> (String, TeXAtom.Kind)? {
        switch scalar {
        case "+": return ("+", .binary)
        case "-": return ("−", .binary)
        case "*": return ("∗", .binary)
        case "/": return ("/", .ordinary)
        case "=", "<", ">": return (String(scalar), .relation)
        case ":": return (":", .relation)
        case ",", ";": return (String(scalar), .punctuation)
        case "(", "[": return (String(scalar), .open)
        case ")", "]", "!", "?": return (String(scalar), .close)
        case "|": return ("|", .ordinary)
        case ".": return (".", .ordinary)
        case "@": return ("@", .ordinary)
        default: return nil
        }
    }
}
