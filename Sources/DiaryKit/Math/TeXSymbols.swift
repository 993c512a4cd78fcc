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

    static let dots: [String: String] = ["ldots": "…", "dots": "…", "cdots": "⋯", "vdots": "⋮", "ddots": "⋱", "dotsc": "…", "dotsb": "⋯"]

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
        "int": ("∫", false), "iint": ("∬", false), "iiint": ("∭", false), "oint": ("∮", false),
    ]

    /// Function names (upright, followed by a thin space); the flag: limits in display.
    static let functions: [String: Bool] = [
        "log": false, "ln": false, "lg": false, "exp": false, "sin": false, "cos": false, "tan": false, "sec": false,
        "csc": false, "cot": false, "sinh": false, "cosh": false, "tanh": false, "coth": false, "arcsin": false,
        "arccos": false, "arctan": false, "arg": false, "deg": false, "dim": false, "hom": false, "ker": false,
        "det": true, "gcd": true, "Pr": true, "lim": true, "liminf": true, "limsup": true, "max": true,
        "min": true, "sup": true, "inf": true,
    ]

    static let displayNames: [String: String] = ["liminf": "lim inf", "limsup": "lim sup"]

    /// Accents: the mark, and whether it stretches over the whole argument.
    static let accents: [String: (String, Bool)] = [
        // Stretchy marks Latin Modern Math can widen in Chromium (checked by eye): U+0302
        // for a wide hat, U+0332 for a line; its tilde does not widen.
        "hat": ("^", false), "widehat": ("\u{0302}", true), "tilde": ("~", false), "widetilde": ("~", true),
        "bar": ("‾", false), "overline": ("\u{0332}", true), "vec": ("→", false), "overrightarrow": ("→", true),
        "overleftarrow": ("←", true), "dot": ("˙", false), "ddot": ("¨", false), "check": ("ˇ", false),
        "breve": ("˘", false), "acute": ("´", false), "grave": ("`", false), "mathring": ("˚", false),
        "overbrace": ("⏞", true),
    ]

    static let underAccents: [String: String] = ["underline": "\u{0332}", "underbrace": "⏟", "underrightarrow": "→"]

    /// Horizontal spaces in em.
    static let spaces: [String: Double] = [
        ",": 0.1667, "thinspace": 0.1667, ":": 0.2222, ">": 0.2222, "medspace": 0.2222, ";": 0.2778,
        "thickspace": 0.2778, "!": -0.1667, "negthinspace": -0.1667, "quad": 1, "qquad": 2, " ": 0.25,
        "enspace": 0.5,
    ]

    static let fonts: [String: MathAlphabet?] = [
        "mathbf": .bold, "mathit": .italic, "mathbb": .doubleStruck, "mathcal": .script, "mathscr": .script,
        "mathfrak": .fraktur, "mathsf": .sansSerif, "mathtt": .monospace, "boldsymbol": .boldItalic,
        "bm": .boldItalic, "mathrm": nil, "mathnormal": nil,
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
