/// The AMS symbol set (amssymb, amsmath) and other common symbol commands, by TeX class.
/// Classes follow amssymb.sty's declarations, so a few differ from what the name suggests
/// (`\therefore`, `\because`, `\vartriangle` are relations; `\lessdot`, `\gtrdot` are binary).
extension TeXSymbols {
    /// Ordinary symbols (TeX class ord), drawn as identifiers.
    static let amsOrdinary: [String: String] = [
        "square": "□",
        "Box": "□", // amsfonts: \let\Box\square
        "blacksquare": "■", "lozenge": "◊",
        "Diamond": "◊", // amsfonts: \let\Diamond\lozenge (latexsym draws ◇)
        "blacklozenge": "⧫", "bigstar": "★",
        "diagup": "╱", // box-drawing diagonal, as unicode-math
        "diagdown": "╲", // box-drawing diagonal, as unicode-math
        "measuredangle": "∡", "sphericalangle": "∢", "complement": "∁", "eth": "ð", "mho": "℧", "Finv": "Ⅎ",
        "Game": "⅁", "beth": "ℶ", "gimel": "ℷ", "daleth": "ℸ", "Bbbk": "𝕜", "backprime": "‵",
        "hslash": "ℏ", // same character as \hbar
        "circledS": "Ⓢ",
        "blacktriangle": "▴", // small triangle, the size amssymb draws
        "blacktriangledown": "▾", // small triangle, the size amssymb draws
        "triangledown": "▿", // small triangle, the size amssymb draws
        "circledR": "®", "maltese": "✠", "yen": "¥", "pounds": "£", "wp": "℘", "surd": "√",
    ]

    /// Binary operators (TeX class bin).
    static let amsBinary: [String: String] = [
        "dotplus": "∔", "ltimes": "⋉", "rtimes": "⋊", "leftthreetimes": "⋋", "rightthreetimes": "⋌",
        "curlywedge": "⋏", "curlyvee": "⋎", "circleddash": "⊝", "circledast": "⊛", "circledcirc": "⊚",
        "centerdot": "⋅", // no exact code point; the dot operator
        "barwedge": "⊼", // NAND: wedge with bar over
        "veebar": "⊻", // XOR: vee with bar under
        "doublebarwedge": "⩞", "boxplus": "⊞", "boxminus": "⊟", "boxtimes": "⊠", "boxdot": "⊡",
        "divideontimes": "⋇",
        "smallsetminus": "∖", // same character as \setminus
        "Cap": "⋒", "Cup": "⋓", "doublecap": "⋒", "doublecup": "⋓",
        "lessdot": "⋖", // amssymb declares it \mathbin, not \mathrel
        "gtrdot": "⋗", // amssymb declares it \mathbin, not \mathrel
        "lhd": "⊲", // latexsym/amsfonts: binary
        "rhd": "⊳", // latexsym/amsfonts: binary
        "unlhd": "⊴", // latexsym/amsfonts: binary
        "unrhd": "⊵", // latexsym/amsfonts: binary
        "bigcirc": "◯", "triangleleft": "◃", "triangleright": "▹",
    ]

    /// Relations (TeX class rel), with the arrows and the negated relations.
    static let amsRelations: [String: String] = [
        // amssymb
        "leqq": "≦", "geqq": "≧", "eqslantless": "⪕", "eqslantgtr": "⪖", "lessapprox": "⪅", "gtrapprox": "⪆",
        "approxeq": "≊", "lll": "⋘", "llless": "⋘", "ggg": "⋙", "gggtr": "⋙", "gtrless": "≷", "lesseqgtr": "⋚",
        "gtreqless": "⋛", "lesseqqgtr": "⪋", "gtreqqless": "⪌", "doteqdot": "≑", "Doteq": "≑",
        "risingdotseq": "≓", // dots lower left and upper right
        "fallingdotseq": "≒", // dots upper left and lower right
        "backsim": "∽", "backsimeq": "⋍", "eqsim": "≂", "subseteqq": "⫅", "supseteqq": "⫆", "Subset": "⋐",
        "Supset": "⋑", "sqsubset": "⊏", "sqsupset": "⊐", "sqsubseteq": "⊑", "sqsupseteq": "⊒",
        "preccurlyeq": "≼", "succcurlyeq": "≽", "curlyeqprec": "⋞", "curlyeqsucc": "⋟", "precsim": "≾",
        "succsim": "≿", "precapprox": "⪷", "succapprox": "⪸", "vartriangleleft": "⊲", "vartriangleright": "⊳",
        "trianglelefteq": "⊴", "trianglerighteq": "⊵", "vDash": "⊨", "Vdash": "⊩", "Vvdash": "⊪",
        "smallsmile": "⌣", // same character as \smile
        "smallfrown": "⌢", // same character as \frown
        "bumpeq": "≏", "Bumpeq": "≎", "between": "≬", "pitchfork": "⋔",
        "varpropto": "∝", // same character as \propto
        "backepsilon": "∍", // small contains-as-member; U+03F6 is the Greek letter
        "blacktriangleleft": "◂", // small triangle, the size amssymb draws
        "blacktriangleright": "▸", // small triangle, the size amssymb draws
        "vartriangle": "▵", // amssymb: \mathrel; small triangle
        "therefore": "∴", // amssymb: \mathrel
        "because": "∵", // amssymb: \mathrel
        "shortmid": "∣", // same character as \mid
        "shortparallel": "∥", // same character as \parallel
        "thicksim": "∼", // same character as \sim
        "thickapprox": "≈", // same character as \approx
        "eqcirc": "≖", "circeq": "≗", "multimap": "⊸",
        // LaTeX, latexsym and mathtools
        "owns": "∋", "bowtie": "⋈", "Join": "⋈", "eqqcolon": "≕", "Coloneqq": "⩴",
        // Negated relations
        "nless": "≮", "ngtr": "≯", "nleq": "≰", "ngeq": "≱",
        "nleqslant": "⩽\u{0338}", // no precomposed character; with combining long solidus
        "ngeqslant": "⩾\u{0338}", // no precomposed character; with combining long solidus
        "nleqq": "≦\u{0338}", // no precomposed character; with combining long solidus
        "ngeqq": "≧\u{0338}", // no precomposed character; with combining long solidus
        "lneq": "⪇", "gneq": "⪈", "lneqq": "≨", "gneqq": "≩",
        "lvertneqq": "≨\u{FE00}", // standardized variant: with vertical stroke
        "gvertneqq": "≩\u{FE00}", // standardized variant: with vertical stroke
        "lnsim": "⋦", "gnsim": "⋧", "lnapprox": "⪉", "gnapprox": "⪊", "nprec": "⊀", "nsucc": "⊁",
        "npreceq": "⋠", // negated curly form; ⪯ + U+0338 renders poorly
        "nsucceq": "⋡", // negated curly form; ⪰ + U+0338 renders poorly
        "precneqq": "⪵", "succneqq": "⪶", "precnsim": "⋨", "succnsim": "⋩", "precnapprox": "⪹",
        "succnapprox": "⪺", "nsim": "≁", "ncong": "≇",
        "nshortmid": "∤", // same character as \nmid
        "nshortparallel": "∦", // same character as \nparallel
        "nparallel": "∦", "nvdash": "⊬", "nvDash": "⊭", "nVdash": "⊮", "nVDash": "⊯", "ntriangleleft": "⋪",
        "ntriangleright": "⋫", "ntrianglelefteq": "⋬", "ntrianglerighteq": "⋭", "nsubseteq": "⊈",
        "nsupseteq": "⊉",
        "nsubseteqq": "⫅\u{0338}", // no precomposed character; with combining long solidus
        "nsupseteqq": "⫆\u{0338}", // no precomposed character; with combining long solidus
        "supsetneq": "⊋",
        "varsubsetneq": "⊊\u{FE00}", // standardized variant: stroke through bottom members
        "varsupsetneq": "⊋\u{FE00}", // standardized variant: stroke through bottom members
        "subsetneqq": "⫋", "supsetneqq": "⫌",
        "varsubsetneqq": "⫋\u{FE00}", // standardized variant: stroke through bottom members
        "varsupsetneqq": "⫌\u{FE00}", // standardized variant: stroke through bottom members
        "nsubset": "⊄", "nsupset": "⊅", "nequiv": "≢", "napprox": "≉", "nsimeq": "≄",
        // Arrows (amssymb, amsfonts)
        "leftleftarrows": "⇇", "rightrightarrows": "⇉", "leftrightarrows": "⇆", "rightleftarrows": "⇄",
        "Lleftarrow": "⇚", "Rrightarrow": "⇛", "twoheadleftarrow": "↞", "twoheadrightarrow": "↠",
        "leftarrowtail": "↢", "rightarrowtail": "↣", "looparrowleft": "↫", "looparrowright": "↬",
        "leftrightharpoons": "⇋", "rightleftharpoons": "⇌", "curvearrowleft": "↶", "curvearrowright": "↷",
        "circlearrowleft": "↺", "circlearrowright": "↻", "Lsh": "↰", "Rsh": "↱", "upuparrows": "⇈",
        "downdownarrows": "⇊", "upharpoonleft": "↿", "upharpoonright": "↾", "restriction": "↾",
        "downharpoonleft": "⇃", "downharpoonright": "⇂", "leftrightsquigarrow": "↭", "rightsquigarrow": "⇝",
        "leadsto": "⇝", "nleftarrow": "↚", "nrightarrow": "↛", "nLeftarrow": "⇍", "nRightarrow": "⇏",
        "nleftrightarrow": "↮", "nLeftrightarrow": "⇎", "dashrightarrow": "⇢", "dashleftarrow": "⇠",
        "dasharrow": "⇢",
        // Arrows (LaTeX, stmaryrd)
        "Longleftarrow": "⟸", "Longleftrightarrow": "⟺", "longleftrightarrow": "⟷", "Updownarrow": "⇕",
        "nwarrow": "↖", "swarrow": "↙", "hookleftarrow": "↩", "leftharpoonup": "↼", "leftharpoondown": "↽",
        "rightharpoondown": "⇁", "mapsfrom": "↤", "longmapsfrom": "⟻", "Mapsto": "⤇", "Mapsfrom": "⤆",
        "Longmapsto": "⟾", "Longmapsfrom": "⟽",
    ]

    /// Big operators; the flag says whether limits go under and over in display style.
    static let amsBigOperators: [String: (String, Bool)] = [
        "iiiint": ("⨌", false), "oiint": ("∯", false), "oiiint": ("∰", false),
        "ointclockwise": ("∲", false), // esint
        "ointctrclockwise": ("∳", false), // esint
        "fint": ("⨏", false), // esint: average integral
        "bigsqcap": ("⨅", true), "bigtimes": ("⨉", true),
    ]

    /// Delimiters usable after `\left`, `\right`, `\big` and bare; keys with the backslash.
    static let amsDelimiters: [String: (String, TeXAtom.Kind)] = [
        "\\ulcorner": ("⌜", .open), "\\urcorner": ("⌝", .close), "\\llcorner": ("⌞", .open),
        "\\lrcorner": ("⌟", .close), "\\lgroup": ("⟮", .open), "\\rgroup": ("⟯", .close),
        "\\lmoustache": ("⎰", .open), "\\rmoustache": ("⎱", .close), "\\llbracket": ("⟦", .open),
        "\\rrbracket": ("⟧", .close), "\\lparen": ("(", .open), "\\rparen": (")", .close),
        "\\Uparrow": ("⇑", .ordinary), "\\Downarrow": ("⇓", .ordinary), "\\Updownarrow": ("⇕", .ordinary),
        "\\updownarrow": ("↕", .ordinary),
    ]

    /// Upper-case Greek letters that look like Latin ones (\Alpha → "A", …) and the \var forms
    /// of capitals (\varGamma → italic Γ "𝛤"). Ordinary identifiers.
    static let greekExtras: [String: String] = [
        "Alpha": "A", "Beta": "B", "Epsilon": "E", "Zeta": "Z", "Eta": "H", "Iota": "I", "Kappa": "K",
        "Mu": "M", "Nu": "N", "Omicron": "O", "Rho": "P", "Tau": "T", "Chi": "X", "varGamma": "𝛤",
        "varDelta": "𝛥", "varTheta": "𝛩", "varLambda": "𝛬", "varXi": "𝛯", "varPi": "𝛱", "varSigma": "𝛴",
        "varUpsilon": "𝛶", "varPhi": "𝛷", "varPsi": "𝛹", "varOmega": "𝛺",
    ]
}
