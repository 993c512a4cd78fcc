#!/usr/bin/env python3
"""How well diary's TeX-to-MathML converter handles formulas other people wrote.

Three corpora:

- katex: every entry of KaTeX's test/screenshotter/ss_data.yaml (a string, or a
  mapping with tex:, and sometimes macros:, display:, nolatex:). Macros are expanded
  textually before rendering (diary has no \\def).
- temml: every $...$, $$...$$, \\(...\\) and \\[...\\] of Temml's test pages test/*.md
  (Hurmet markdown: grid and pipe tables; formulas are found with Hurmet's own
  delimiter rules, cell by cell, code spans skipped).
- dl: typical deep-learning formulas, written for this benchmark (DL_FORMULAS below).

The distinct formulas of each corpus are written as ```math fences (a fence longer than
any backtick run in the formula), CHUNK to a note, and each note is rendered with
`diary render NOTE --out - --today 2026-11-26`. A formula counts as converted when its
place in the page holds <math ...>...</math> and as failed when it holds
class="math-error"; the warning on standard error (`path:line:col: warning: MESSAGE;
the formula is shown as TeX source`) gives the reason. Every <math> element is parsed
as XML. A note whose run crashes, hangs (--timeout) or gives the wrong number of
formulas is split in halves and rerun until the culprit formula is alone.

Get the two repositories as bare git directories (no work tree is needed; files are
read with `git show HEAD:path`) with the assistant tool `fetch`:

    fetch github:KaTeX/KaTeX      ->  /work/.mirror/KaTeX+KaTeX/repo
    fetch github:ronkok/Temml     ->  /work/.mirror/ronkok+Temml/repo

or with `git clone --bare https://github.com/KaTeX/KaTeX` and
`git clone --bare https://github.com/ronkok/Temml`. Then:

    python3 bench/tex_corpus.py --katex /work/.mirror/KaTeX+KaTeX/repo \\
        --temml /work/.mirror/ronkok+Temml/repo --bin .build/release/diary \\
        [--json results.json] [--failures failures.txt] [--top 80] [--chunk 200] \\
        [--timeout 120] [--workdir DIR]

Either repository may be left out; the dl corpus is always run. Python 3.11, standard
library only. Exit status 0 unless the arguments are wrong.
"""
import argparse
import collections
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET

TODAY = "2026-11-26"

# Typical formulas of deep-learning notes, as people write them in markdown.
DL_FORMULAS = [
    # activations
    r"\operatorname{softmax}(\mathbf{z})_i = \frac{e^{z_i}}{\sum_{j=1}^{K} e^{z_j}}",
    r"p_i = \frac{\exp(z_i/T)}{\sum_j \exp(z_j/T)}",
    r"\sigma(z) = \frac{1}{1+e^{-z}}",
    r"\sigma'(z) = \sigma(z)\,\bigl(1-\sigma(z)\bigr)",
    r"\tanh(z) = \frac{e^{z}-e^{-z}}{e^{z}+e^{-z}}",
    r"\operatorname{ReLU}(z) = \max(0, z)",
    r"\operatorname{LeakyReLU}(z) = \begin{cases} z & \text{if } z > 0 \\ 0.01\,z & \text{otherwise} \end{cases}",
    r"\operatorname{GELU}(x) = x\,\Phi(x) \approx 0.5x\left(1+\tanh\left[\sqrt{2/\pi}\,\left(x+0.044715x^3\right)\right]\right)",
    r"\operatorname{ReLU}(x) \overset{\text{def}}{=} \max(0,x)",
    # losses
    r"\mathcal{L}(\hat{y}, y) = -\sum_{k=1}^{K} y_k \log \hat{y}_k",
    r"J(w,b) = -\frac{1}{m}\sum_{i=1}^{m}\left[y^{(i)}\log\hat{y}^{(i)} + (1-y^{(i)})\log(1-\hat{y}^{(i)})\right]",
    r"\operatorname{MSE} = \frac{1}{n}\sum_{i=1}^{n}\left(y_i - \hat{y}_i\right)^2",
    r"\ell(y) = \max(0, 1 - t\cdot y)",
    r"\operatorname{FL}(p_t) = -\alpha_t(1-p_t)^{\gamma}\log(p_t)",
    r"y_k^{\text{LS}} = y_k(1-\alpha) + \frac{\alpha}{K}",
    r"\mathcal{L} = \max\left(\lVert f(a)-f(p)\rVert_2^2 - \lVert f(a)-f(n)\rVert_2^2 + \alpha,\ 0\right)",
    r"\mathcal{L}_{\text{InfoNCE}} = -\mathbb{E}\left[\log\frac{\exp(\mathbf{z}_i^\top\mathbf{z}_j/\tau)}{\sum_{k=1}^{2N}\mathbb{1}_{[k\neq i]}\exp(\mathbf{z}_i^\top\mathbf{z}_k/\tau)}\right]",
    r"\min_G \max_D V(D,G) = \mathbb{E}_{x\sim p_{\text{data}}}[\log D(x)] + \mathbb{E}_{z\sim p_z}[\log(1-D(G(z)))]",
    r"J_{\text{reg}} = J + \frac{\lambda}{2m}\sum_{l=1}^{L}\lVert W^{[l]}\rVert_F^2",
    r"\|W\|_F^2 = \sum_{i=1}^{n^{[l]}}\sum_{j=1}^{n^{[l-1]}} \left(w_{ij}^{[l]}\right)^2",
    r"\tilde{J}(\mathbf{w}) = J(\mathbf{w}) + \frac{\alpha}{2}\mathbf{w}^{\mathsf{T}}\mathbf{w}",
    # attention and transformers
    r"\operatorname{Attention}(Q,K,V) = \operatorname{softmax}\!\left(\frac{QK^\top}{\sqrt{d_k}}\right)V",
    r"\operatorname{MultiHead}(Q,K,V) = \operatorname{Concat}(\mathrm{head}_1,\dots,\mathrm{head}_h)\,W^O",
    r"\mathrm{head}_i = \operatorname{Attention}(QW_i^Q, KW_i^K, VW_i^V)",
    r"PE_{(pos,2i)} = \sin\left(\frac{pos}{10000^{2i/d_{\text{model}}}}\right), \quad PE_{(pos,2i+1)} = \cos\left(\frac{pos}{10000^{2i/d_{\text{model}}}}\right)",
    r"\langle \mathbf{q}, \mathbf{k}\rangle = \mathbf{q}^\top\mathbf{k} = \sum_{i=1}^{d_k} q_i k_i",
    r"\mathbf{y} = \mathcal{F}(\mathbf{x}, \{W_i\}) + \mathbf{x}",
    r"\operatorname{PPL} = \exp\left(-\frac{1}{N}\sum_{i=1}^{N}\log p(w_i\mid w_{<i})\right)",
    # optimisers
    r"\theta \leftarrow \theta - \eta \nabla_\theta \mathcal{L}(\theta)",
    r"w := w - \alpha \frac{\partial J(w,b)}{\partial w}",
    r"v_{dW} = \beta v_{dW} + (1-\beta)\, dW, \qquad W := W - \alpha v_{dW}",
    r"s_{dW} = \beta_2 s_{dW} + (1-\beta_2)\, dW^{2}, \qquad W := W - \alpha\frac{dW}{\sqrt{s_{dW}}+\varepsilon}",
    r"v_{t+1} = \mu v_t - \eta \nabla f(\theta_t + \mu v_t)",
    r"m_t = \beta_1 m_{t-1} + (1-\beta_1)\, g_t",
    r"v_t = \beta_2 v_{t-1} + (1-\beta_2)\, g_t^2",
    r"\hat{m}_t = \frac{m_t}{1-\beta_1^t}, \quad \hat{v}_t = \frac{v_t}{1-\beta_2^t}",
    r"\theta_t = \theta_{t-1} - \alpha \frac{\hat{m}_t}{\sqrt{\hat{v}_t}+\epsilon}",
    r"\theta_t \leftarrow \theta_{t-1} - \eta\left(\frac{\hat m_t}{\sqrt{\hat v_t}+\epsilon} + \lambda\theta_{t-1}\right)",
    r"\boxed{\theta \leftarrow \theta - \eta\,\nabla_\theta J}",
    r"\theta_{t+1} = \theta_t - \mathbf{H}^{-1}\nabla_\theta J(\theta_t)",
    r"v_t = \beta v_{t-1} + (1-\beta)\theta_t, \qquad \text{averages over} \approx \frac{1}{1-\beta}\text{ days}",
    r"\alpha = \frac{1}{1+\text{decay\_rate}\times\text{epoch\_num}}\,\alpha_0",
    r"\eta_t = \eta_{\min} + \frac{1}{2}(\eta_{\max}-\eta_{\min})\left(1+\cos\left(\frac{T_{\text{cur}}}{T_{\max}}\pi\right)\right)",
    r"\mathbf{g} \leftarrow \frac{\tau}{\lVert\mathbf{g}\rVert}\,\mathbf{g} \quad \text{if } \lVert\mathbf{g}\rVert > \tau",
    r"\|\nabla f(x) - \nabla f(y)\| \le L\|x-y\|",
    # normalisation
    r"\mu_\mathcal{B} = \frac{1}{m}\sum_{i=1}^{m} x_i",
    r"\sigma_\mathcal{B}^2 = \frac{1}{m}\sum_{i=1}^m (x_i - \mu_\mathcal{B})^2",
    r"\hat{x}_i = \frac{x_i-\mu_\mathcal{B}}{\sqrt{\sigma_\mathcal{B}^2+\epsilon}}, \qquad y_i = \gamma\hat{x}_i + \beta \equiv \mathrm{BN}_{\gamma,\beta}(x_i)",
    r"\mu^{l} = \frac{1}{H}\sum_{i=1}^{H} a_i^{l}, \quad \sigma^{l} = \sqrt{\frac{1}{H}\sum_{i=1}^{H}\left(a_i^{l}-\mu^{l}\right)^2}",
    r"\operatorname{LayerNorm}(\mathbf{x}) = \boldsymbol{\gamma} \odot \frac{\mathbf{x}-\mu}{\sqrt{\sigma^2+\epsilon}} + \boldsymbol{\beta}",
    r"\bar{a}_i = \frac{a_i}{\operatorname{RMS}(\mathbf{a})} g_i, \quad \operatorname{RMS}(\mathbf{a}) = \sqrt{\tfrac{1}{n}\textstyle\sum_{i=1}^{n} a_i^2}",
    # probability, information, generative models
    r"D_{\mathrm{KL}}(P \parallel Q) = \sum_{x\in\mathcal{X}} P(x)\log\frac{P(x)}{Q(x)}",
    r"D_{\text{KL}}(p\,\|\,q) = \int_{-\infty}^{\infty} p(x) \ln\frac{p(x)}{q(x)}\,dx",
    r"D_{\mathrm{KL}}\big(\mathcal{N}(\mu,\sigma^2)\,\|\,\mathcal{N}(0,1)\big) = \frac{1}{2}\left(\sigma^2 + \mu^2 - 1 - \ln\sigma^2\right)",
    r"\log p_\theta(\mathbf{x}) \geq \mathbb{E}_{q_\phi(\mathbf{z}\mid\mathbf{x})}\left[\log p_\theta(\mathbf{x}\mid\mathbf{z})\right] - D_{\mathrm{KL}}\left(q_\phi(\mathbf{z}\mid\mathbf{x}) \,\|\, p(\mathbf{z})\right)",
    r"\mathcal{L} = \underbrace{\mathbb{E}_{q}[\log p(x\mid z)]}_{\text{reconstruction}} - \underbrace{D_{\mathrm{KL}}(q(z\mid x)\,\|\,p(z))}_{\text{regularization}}",
    r"\mathbf{z} = \boldsymbol{\mu} + \boldsymbol{\sigma}\odot\boldsymbol{\epsilon}, \quad \boldsymbol{\epsilon}\sim\mathcal{N}(\mathbf{0},\mathbf{I})",
    r"H(X) = -\sum_{x} p(x)\log_2 p(x)",
    r"p(\theta\mid\mathcal{D}) = \frac{p(\mathcal{D}\mid\theta)\,p(\theta)}{p(\mathcal{D})}",
    r"\hat{\theta}_{\text{MLE}} = \arg\max_{\theta} \sum_{i=1}^{n}\log p(x_i\mid\theta)",
    r"\theta^{*} = \operatorname*{arg\,min}_{\theta}\; \mathbb{E}_{(x,y)\sim\mathcal{D}}\left[\ell(f_\theta(x), y)\right]",
    r"\mathbb{E}_{x\sim p}[f(x)] = \int p(x) f(x)\,\mathrm{d}x \approx \frac{1}{N}\sum_{n=1}^{N} f(x^{(n)})",
    r"\mathcal{N}(x;\mu,\sigma^2) = \frac{1}{\sqrt{2\pi\sigma^2}}\exp\left(-\frac{(x-\mu)^2}{2\sigma^2}\right)",
    r"\mathcal{N}(\mathbf{x};\boldsymbol{\mu},\boldsymbol{\Sigma}) = \frac{1}{(2\pi)^{d/2}|\boldsymbol{\Sigma}|^{1/2}}\exp\left(-\tfrac{1}{2}(\mathbf{x}-\boldsymbol{\mu})^\top\boldsymbol{\Sigma}^{-1}(\mathbf{x}-\boldsymbol{\mu})\right)",
    r"f\left(\mathbb{E}[X]\right) \leq \mathbb{E}\left[f(X)\right]",
    r"q(\mathbf{x}_t\mid\mathbf{x}_{t-1}) = \mathcal{N}\left(\mathbf{x}_t; \sqrt{1-\beta_t}\,\mathbf{x}_{t-1}, \beta_t\mathbf{I}\right)",
    r"\mathcal{L}_{\text{simple}} = \mathbb{E}_{t,\mathbf{x}_0,\boldsymbol{\epsilon}}\left[\left\| \boldsymbol{\epsilon} - \boldsymbol{\epsilon}_\theta\left(\sqrt{\bar\alpha_t}\,\mathbf{x}_0 + \sqrt{1-\bar\alpha_t}\,\boldsymbol{\epsilon}, t\right)\right\|^2\right]",
    r"\log\sum_{i} e^{x_i} = m + \log\sum_{i} e^{x_i - m}, \quad m = \max_i x_i",
    # backpropagation and networks
    r"z^{[l]} = W^{[l]} a^{[l-1]} + b^{[l]}, \qquad a^{[l]} = g^{[l]}(z^{[l]})",
    r"Z^{[1]} = W^{[1]}X + b^{[1]}, \quad A^{[1]} = \sigma(Z^{[1]})",
    r"W^{[l]} \in \mathbb{R}^{n^{[l]}\times n^{[l-1]}}, \quad b^{[l]}\in\mathbb{R}^{n^{[l]}\times 1}",
    r"\frac{\partial \mathcal{L}}{\partial W^{[l]}} = \frac{\partial \mathcal{L}}{\partial z^{[l]}}\frac{\partial z^{[l]}}{\partial W^{[l]}} = \delta^{[l]} a^{[l-1]\top}",
    r"\delta^{[l]} = \left(W^{[l+1]\top}\delta^{[l+1]}\right) \odot g'^{[l]}(z^{[l]})",
    r"dW^{[l]} = \frac{1}{m}\, dZ^{[l]} A^{[l-1]T}, \qquad db^{[l]} = \frac{1}{m}\sum_{i=1}^{m} dZ^{[l](i)}",
    r"\frac{\partial \hat{y}_i}{\partial z_j} = \hat{y}_i\left(\delta_{ij} - \hat{y}_j\right)",
    r"\frac{\partial \mathcal{L}}{\partial \mathbf{z}} = \hat{\mathbf{y}} - \mathbf{y}",
    r"\begin{align*} \frac{\partial J}{\partial w} &= \frac{1}{m} X (A - Y)^T \\ \frac{\partial J}{\partial b} &= \frac{1}{m}\sum_{i=1}^m (a^{(i)} - y^{(i)}) \end{align*}",
    r"\hat{y} = \sigma(w^T x + b) \tag{1}",
    r"\mathbf{J} = \begin{bmatrix} \frac{\partial f_1}{\partial x_1} & \cdots & \frac{\partial f_1}{\partial x_n} \\ \vdots & \ddots & \vdots \\ \frac{\partial f_m}{\partial x_1} & \cdots & \frac{\partial f_m}{\partial x_n} \end{bmatrix}",
    r"\mathbf{H}_{ij} = \frac{\partial^2 f}{\partial x_i\,\partial x_j}",
    r"\frac{\lVert d\theta_{\text{approx}} - d\theta \rVert_2}{\lVert d\theta_{\text{approx}}\rVert_2 + \lVert d\theta\rVert_2} < 10^{-7}",
    r"f'(\theta) \approx \frac{f(\theta+\varepsilon) - f(\theta-\varepsilon)}{2\varepsilon}",
    r"X = \begin{pmatrix} | & | & & | \\ x^{(1)} & x^{(2)} & \cdots & x^{(m)} \\ | & | & & | \end{pmatrix}",
    r"\tilde{\mathbf{h}} = \frac{\mathbf{m}\odot\mathbf{h}}{1-p}, \quad m_i \sim \operatorname{Bernoulli}(1-p)",
    r"W \sim \mathcal{U}\left[-\frac{\sqrt{6}}{\sqrt{n_{\text{in}}+n_{\text{out}}}}, \frac{\sqrt{6}}{\sqrt{n_{\text{in}}+n_{\text{out}}}}\right]",
    r"W^{[l]} \sim \mathcal{N}\!\left(0, \frac{2}{n^{[l-1]}}\right)",
    r"\left| f(x) - \sum_{i=1}^{N} v_i\,\sigma\left(w_i^\top x + b_i\right)\right| < \varepsilon \quad \forall x \in K",
    r"\mathbf{x} \xrightarrow{\text{encoder}} \mathbf{z} \xrightarrow{\text{decoder}} \hat{\mathbf{x}}",
    # convolutions and recurrent networks
    r"(I * K)(i,j) = \sum_{m}\sum_{n} I(i+m, j+n)\, K(m,n)",
    r"n_{\text{out}} = \left\lfloor \frac{n_{\text{in}} + 2p - f}{s} \right\rfloor + 1",
    r"h_t = \tanh\left(W_{hh} h_{t-1} + W_{xh} x_t + b_h\right)",
    r"\begin{aligned} f_t &= \sigma(W_f[h_{t-1}, x_t] + b_f) \\ i_t &= \sigma(W_i[h_{t-1}, x_t] + b_i) \\ \tilde{C}_t &= \tanh(W_C[h_{t-1}, x_t] + b_C) \\ C_t &= f_t \odot C_{t-1} + i_t \odot \tilde{C}_t \end{aligned}",
    r"h_t = (1-z_t)\odot h_{t-1} + z_t \odot \tilde{h}_t",
    # classical ML and RL
    r"\min_{\mathbf{w},b}\ \frac{1}{2}\|\mathbf{w}\|^2 \quad \text{s.t.}\quad y_i(\mathbf{w}^\top\mathbf{x}_i + b) \geq 1,\ \forall i",
    r"F_1 = 2\cdot\frac{\text{precision}\cdot\text{recall}}{\text{precision}+\text{recall}}",
    r"\nabla_\theta J(\theta) = \mathbb{E}_{\pi_\theta}\left[\nabla_\theta \log \pi_\theta(a\mid s)\, Q^{\pi}(s,a)\right]",
    r"Q^*(s,a) = \mathbb{E}\left[r + \gamma \max_{a'} Q^*(s',a') \,\middle|\, s,a\right]",
    r"V(s_t) \leftarrow V(s_t) + \alpha\left[r_{t+1} + \gamma V(s_{t+1}) - V(s_t)\right]",
]

# Features of other renderers, not of TeX, for documenting deliberate exclusions.
EXTENSION_FEATURES = {
    "HTML extension (\\htmlClass, \\htmlId, \\htmlStyle, \\htmlData)": r"\\html(?:Class|Id|Style|Data)\b",
    "links (\\href, \\url)": r"\\(?:href|url)\b",
    "\\includegraphics": r"\\includegraphics\b",
    "\\KaTeX logo": r"\\KaTeX\b",
    "KaTeX colour macros (\\blue, \\red, \\green, ...)": r"\\(?:blue|red|green|gray|purple|orange|pink|gold|teal|maroon|mint|kaBlue|kaGreen)(?:[A-E])?(?![A-Za-z])",
    "mhchem (\\ce, \\pu)": r"\\(?:ce|pu)\b",
    "\\def / \\newcommand inside the formula": r"\\(?:def|gdef|edef|xdef|newcommand|renewcommand|let)\b",
}


# ---------------------------------------------------------------------------------------
# Reading the repositories

def git_show(gitdir, path):
    return subprocess.run(["git", "--git-dir", gitdir, "show", "HEAD:" + path],
                          check=True, capture_output=True).stdout.decode("utf-8")


def git_ls(gitdir, folder):
    out = subprocess.run(["git", "--git-dir", gitdir, "ls-tree", "--name-only", "HEAD", folder + "/"],
                         check=True, capture_output=True).stdout.decode("utf-8")
    return [line for line in out.splitlines() if line]


# ---------------------------------------------------------------------------------------
# The subset of YAML that ss_data.yaml uses: nested block mappings, plain (possibly
# multi-line) scalars, '...' and "..." scalars, | and > block scalars, comments.

KEY_RE = re.compile(r"^( *)([^\s#'\"][^:]*?|'[^']*'|\"[^\"]*\"):(?: +(.*))?$")


def _indent(line):
    return len(line) - len(line.lstrip(" "))


def _skippable(line):
    stripped = line.strip()
    return stripped == "" or stripped.startswith("#")


def _unquote_key(key):
    if len(key) >= 2 and key[0] == key[-1] and key[0] in "'\"":
        return key[1:-1]
    return key


def _plain_value(text):
    text = re.sub(r"(^| )#.*$", "", text).rstrip()
    if len(text) >= 2 and text[0] == "'" and text[-1] == "'":
        return text[1:-1].replace("''", "'")
    if len(text) >= 2 and text[0] == '"' and text[-1] == '"':
        return json.loads(text)
    return text


def _block_scalar(lines, i, parent_indent, header):
    """A | or > scalar starting after line i-1; returns (value, next line)."""
    chomp = "-" if "-" in header else "+" if "+" in header else ""
    body = []
    indent = None
    while i < len(lines):
        line = lines[i]
        if line.strip() == "":
            body.append("")
            i += 1
            continue
        if _indent(line) <= parent_indent:
            break
        if indent is None:
            indent = _indent(line)
        body.append(line[indent:])
        i += 1
    while body and body[-1] == "":
        body.pop()
    if header.startswith(">"):
        text, previous = "", None
        for line in body:
            if previous is None:
                text = line
            elif line == "" or previous == "":
                text += "\n" + line
            else:
                text += " " + line
            previous = line
    else:
        text = "\n".join(body)
    if chomp != "-" and body:
        text += "\n"
    return text, i


def _parse_mapping(lines, i, indent):
    """Keys at exactly `indent`; returns (dict, next line)."""
    result = {}
    while i < len(lines):
        line = lines[i]
        if _skippable(line):
            i += 1
            continue
        if _indent(line) < indent:
            break
        match = KEY_RE.match(line)
        if not match or len(match.group(1)) != indent:
            raise ValueError(f"line {i + 1}: cannot read {line!r}")
        key = _unquote_key(match.group(2).strip())
        rest = (match.group(3) or "").strip()
        i += 1
        if rest.startswith("|") or rest.startswith(">"):
            result[key], i = _block_scalar(lines, i, indent, rest)
            continue
        # Continuation lines: a nested mapping or more of a plain scalar.
        j = i
        while j < len(lines) and _skippable(lines[j]):
            j += 1
        more = j < len(lines) and lines[j].strip() != "" and _indent(lines[j]) > indent
        if not more:
            result[key] = _plain_value(rest)
            continue
        if rest == "" and KEY_RE.match(lines[j]):
            result[key], i = _parse_mapping(lines, j, _indent(lines[j]))
            continue
        # A multi-line plain scalar: lines folded with spaces, blank lines kept as \n.
        parts = [rest] if rest else []
        while i < len(lines) and (lines[i].strip() == "" or _indent(lines[i]) > indent):
            parts.append(lines[i].strip())
            i += 1
        while parts and parts[-1] == "":
            parts.pop()
        text = ""
        for part in parts:
            if part == "":
                text += "\n"
            elif text == "" or text.endswith("\n"):
                text += part
            else:
                text += " " + part
        result[key] = _plain_value(text)
    return result, i


def parse_yaml_subset(text):
    value, _ = _parse_mapping(text.splitlines(), 0, 0)
    return value


def expand_macros(tex, macros):
    """Parameterless KaTeX macros, expanded as text (diary has no \\def)."""
    for _ in range(20):
        before = tex
        for name, body in macros.items():
            tex = re.sub(re.escape(name) + r"(?![A-Za-z])", lambda _m, b=body: b, tex)
        if tex == before:
            break
    return tex


def katex_corpus(gitdir):
    data = parse_yaml_subset(git_show(gitdir, "test/screenshotter/ss_data.yaml"))
    items = []
    for name, entry in data.items():
        notes = {}
        if isinstance(entry, dict):
            tex = entry.get("tex", "")
            if entry.get("macros"):
                tex = expand_macros(tex, entry["macros"])
                notes["macros"] = sorted(entry["macros"])
            for key in ("display", "nolatex", "noThrow"):
                if key in entry:
                    notes[key] = entry[key]
        else:
            tex = entry
        items.append({"source": name, "tex": str(tex).strip(), "notes": notes})
    return items


# ---------------------------------------------------------------------------------------
# Temml's test pages: Hurmet markdown

# Hurmet's inline TeX rule (utils/hurmet.cjs, rules "tex"), Python syntax.
HURMET_TEX_RE = re.compile(
    r"\\\[((?:\\[\s\S]|[^\\])+?)\\\]"
    r"|\$\$((?:\\[\s\S]|[^\\])+?)\$\$"
    r"|\\\(((?:\\[\s\S]|[^\\])+?)\\\)"
    r"|\$(`+)((?:(?:\\[\s\S]|[^\\])+?)?)\4\$(?![0-9$])"
    r"|\$(?!\s|\$)((?:(?:\\[\s\S]|[^\\])+?)?)(?<=[^\s\\$])\$(?![0-9$])")
CODE_SPAN_RE = re.compile(r"(`+)([\s\S]*?[^`])\1(?!`)")


def inline_formulas(text):
    """The TeX of every formula in a block of Hurmet inline text, in order."""
    found = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "`":
            code = CODE_SPAN_RE.match(text, i)
            if code:
                i = code.end()
                continue
            run = re.match(r"`+", text[i:]).group(0)
            i += len(run)
            continue
        if ch in "$\\":
            match = HURMET_TEX_RE.match(text, i)
            if match:
                tex = next(g for k, g in enumerate(match.groups()) if g is not None and k != 3)
                found.append((tex.strip(), match.group(1) is not None or match.group(2) is not None))
                i = match.end()
                continue
            if ch == "\\":
                i += 2
                continue
        i += 1
    return found


def grid_table_cells(lines):
    """Cell texts of a grid table given as its lines (all start with + or |)."""
    top = lines[0]
    col_seps = [j for j, c in enumerate(top) if c == "+"]
    row_seps = [i for i, line in enumerate(lines) if line.startswith("+")]
    cells = []
    for r in range(len(row_seps) - 1):
        y0, y1 = row_seps[r] + 1, row_seps[r + 1]
        if y0 >= y1:
            continue
        last = lines[y1 - 1]
        j = 0
        while j < len(col_seps) - 1:
            k = j + 1
            while k < len(col_seps) - 1 and (col_seps[k] >= len(last) or last[col_seps[k]] != "|"):
                k += 1
            x0, x1 = col_seps[j] + 1, col_seps[k]
            # A cell spans further rows while the separator under it is blank there.
            y_end = y1
            rr = r + 1
            while rr < len(row_seps) - 1:
                sep = lines[row_seps[rr]]
                if x0 < len(sep) and sep[x0] in "-=:":
                    break
                y_end = row_seps[rr + 1]
                rr += 1
            blob = "\n".join(line[x0:x1].rstrip() for line in lines[y0:y_end])
            blob = blob.lstrip("\n")
            lead = len(blob) - len(blob.lstrip(" "))
            if lead:
                blob = re.sub(r"^ {%d}" % lead, "", blob, flags=re.M)
            cells.append(blob)
            j = k
    return cells


def markdown_blocks(text):
    """Hurmet markdown as blocks of inline text: table cells and paragraphs."""
    text = re.sub(r"<head>[\s\S]*?</head>", "", text)
    text = re.sub(r"<(script|style)\b[\s\S]*?</\1>", "", text)
    lines = text.splitlines()
    blocks = []
    i = 0
    paragraph = []

    def flush():
        if paragraph:
            blocks.append("\n".join(paragraph))
            paragraph.clear()

    while i < len(lines):
        line = lines[i]
        if re.match(r"^\+(?:[-:=]+\+)+ *$", line):
            flush()
            j = i + 1
            while j < len(lines) and re.match(r"^[+|].*[+|] *$", lines[j]):
                j += 1
            blocks.extend(grid_table_cells([l.rstrip() for l in lines[i:j]]))
            i = j
            continue
        if line.startswith("|") and i + 1 < len(lines) and re.match(r"^\|[-:]+[-| :]*$", lines[i + 1]):
            flush()
            j = i
            while j < len(lines) and lines[j].startswith("|"):
                if j != i + 1:
                    cells = re.split(r"(?<!\\)\|", lines[j].strip())
                    blocks.extend(cell.strip() for cell in cells[1:-1])
                j += 1
            i = j
            continue
        fence = re.match(r"^ *(`{3,}|~{3,})", line)
        if fence:
            flush()
            j = i + 1
            while j < len(lines) and not lines[j].lstrip().startswith(fence.group(1)):
                j += 1
            i = j + 1
            continue
        if line.strip() == "":
            flush()
        else:
            paragraph.append(line)
        i += 1
    flush()
    return blocks


def temml_corpus(gitdir):
    items = []
    for path in git_ls(gitdir, "test"):
        if not path.endswith(".md"):
            continue
        page = os.path.basename(path)[:-3]
        for block in markdown_blocks(git_show(gitdir, path)):
            for tex, display in inline_formulas(block):
                items.append({"source": page, "tex": tex, "notes": {"display": display} if display else {}})
    return items


def dl_corpus():
    return [{"source": f"dl{i + 1}", "tex": tex, "notes": {}} for i, tex in enumerate(DL_FORMULAS)]


def distinct(items):
    seen = set()
    result = []
    for item in items:
        if item["tex"] and item["tex"] not in seen:
            seen.add(item["tex"])
            result.append(item)
    return result


# ---------------------------------------------------------------------------------------
# Rendering

WARNING_RE = re.compile(r"^(.*?):(\d+):(\d+): (warning|error): (.*)$")
OUTPUT_RE = re.compile(r"<math\b[\s\S]*?</math>|<(?:pre|code) class=\"math-error\">")
SUFFIX = "; the formula is shown as TeX source"


def fence_for(tex):
    longest = max((len(run) for run in re.findall(r"`+", tex)), default=0)
    return "`" * max(3, longest + 1)


def write_note(path, items):
    """A note with one ```math fence per item; returns each fence's (first, last) line."""
    lines = [f"# TeX corpus ({len(items)} formulas)", ""]
    spans = []
    for item in items:
        fence = fence_for(item["tex"])
        first = len(lines) + 1
        lines.append(fence + "math")
        lines.extend(item["tex"].split("\n"))
        lines.append(fence)
        spans.append((first, len(lines)))
        lines.append("")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
    return spans


def run_binary(binary, note, timeout):
    start = time.monotonic()
    try:
        # Its own process group, so that a hung run is killed with anything it started.
        proc = subprocess.Popen([binary, "render", note, "--out", "-", "--today", TODAY],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    except OSError as error:
        return {"status": f"could not run: {error}", "seconds": 0.0, "stdout": "", "stderr": ""}
    try:
        stdout, stderr = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, 9)
        except ProcessLookupError:
            pass
        proc.communicate()
        return {"status": "timeout", "seconds": time.monotonic() - start, "stdout": "", "stderr": ""}
    seconds = time.monotonic() - start
    code = proc.returncode
    status = "ok" if code == 0 else (f"signal {-code}" if code < 0 else f"exit {code}")
    return {"status": status, "seconds": seconds, "returncode": code,
            "stdout": stdout.decode("utf-8", "replace"), "stderr": stderr.decode("utf-8", "replace")}


def check_xml(markup):
    try:
        ET.fromstring(markup)
        return None
    except ET.ParseError as error:
        return str(error)


def render_items(binary, items, workdir, timeout, counter, log):
    """Per-item results; a failed run is split in halves until the culprit is alone."""
    counter[0] += 1
    note = os.path.join(workdir, f"note{counter[0]:04d}.md")
    spans = write_note(note, items)
    run = run_binary(binary, note, timeout)
    outputs = OUTPUT_RE.findall(run["stdout"]) if run["status"] in ("ok", "exit 1") else []
    if len(outputs) != len(items) or run["status"] not in ("ok", "exit 1"):
        reason = run["status"] if run["status"] not in ("ok", "exit 1") else f"{len(outputs)} outputs for {len(items)} formulas ({run['status']})"
        log(f"  {os.path.basename(note)}: {reason} after {run['seconds']:.1f}s" + (", splitting" if len(items) > 1 else ""))
        if len(items) == 1:
            detail = run["stderr"].strip().splitlines()
            return [{"status": run["status"] if run["status"] not in ("ok", "exit 1") else "no output",
                     "message": reason + (": " + detail[0] if detail else ""), "seconds": run["seconds"]}]
        half = len(items) // 2
        return (render_items(binary, items[:half], workdir, timeout, counter, log)
                + render_items(binary, items[half:], workdir, timeout, counter, log))
    warnings = {}
    other_stderr = []
    for line in run["stderr"].splitlines():
        match = WARNING_RE.match(line)
        if match and os.path.basename(match.group(1)) == os.path.basename(note):
            warnings.setdefault(int(match.group(2)), []).append((match.group(4), match.group(5)))
        elif match:
            other_stderr.append(line)
    results = []
    for (first, last), output in zip(spans, outputs):
        messages = [m for line in range(first, last + 1) for m in warnings.get(line, [])]
        if output.startswith("<math"):
            error = check_xml(output)
            results.append({"status": "converted", "xml_error": error, "mathml_bytes": len(output.encode()),
                            "warnings": [f"{kind}: {text}" for kind, text in messages]})
        else:
            message = messages[0][1] if messages else "(no warning printed)"
            if message.endswith(SUFFIX):
                message = message[: -len(SUFFIX)]
            results.append({"status": "error", "message": message,
                            "extra": [f"{kind}: {text}" for kind, text in messages[1:]]})
    return results


def commands_of(tex):
    return set(re.findall(r"\\(?:[A-Za-z]+|.)", tex)) | {f"\\begin{{{name}}}" for name in re.findall(r"\\begin\s*\{([^}]*)\}", tex)}


# ---------------------------------------------------------------------------------------

def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--katex", metavar="GITDIR", help="bare git directory of KaTeX/KaTeX")
    parser.add_argument("--temml", metavar="GITDIR", help="bare git directory of ronkok/Temml")
    parser.add_argument("--bin", required=True, metavar="PATH", help="the diary binary")
    parser.add_argument("--json", metavar="OUT", help="write per-formula results here")
    parser.add_argument("--failures", metavar="OUT", help="write every failure reason with all its formulas here")
    parser.add_argument("--top", type=int, default=80, help="failure reasons to print (default 80)")
    parser.add_argument("--chunk", type=int, default=200, help="formulas per note (default 200)")
    parser.add_argument("--timeout", type=float, default=120, help="seconds per note (default 120)")
    parser.add_argument("--workdir", metavar="DIR", help="keep the notes here (default: a temporary folder)")
    args = parser.parse_args()
    if not (os.path.isfile(args.bin) and os.access(args.bin, os.X_OK)):
        parser.error(f"--bin {args.bin}: not an executable file")

    def log(text):
        print(text, file=sys.stderr, flush=True)

    corpora = []
    if args.katex:
        corpora.append(("katex", distinct(katex_corpus(args.katex))))
    if args.temml:
        corpora.append(("temml", distinct(temml_corpus(args.temml))))
    corpora.append(("dl", distinct(dl_corpus())))

    temporary = None
    if args.workdir:
        os.makedirs(args.workdir, exist_ok=True)
        workdir = args.workdir
    else:
        temporary = tempfile.TemporaryDirectory(prefix="tex_corpus.")
        workdir = temporary.name

    records = []
    counter = [0]
    started = time.monotonic()
    for name, items in corpora:
        log(f"{name}: {len(items)} distinct formulas")
        for start in range(0, len(items), args.chunk):
            chunk = items[start:start + args.chunk]
            results = render_items(args.bin, chunk, workdir, args.timeout, counter, log)
            for item, result in zip(chunk, results):
                records.append({"corpus": name, "source": item["source"], "tex": item["tex"],
                                "notes": item["notes"], **result})
    elapsed = time.monotonic() - started

    # Summary table: each corpus, then Temml's pages.
    def row(label, rs):
        n = len(rs)
        converted = sum(r["status"] == "converted" for r in rs)
        invalid = sum(r["status"] == "converted" and r.get("xml_error") is not None for r in rs)
        broken = sum(r["status"] not in ("converted", "error") for r in rs)
        pct = f"{100 * converted / n:.1f}" if n else "-"
        return f"| {label} | {n} | {converted} | {pct} | {invalid} | {broken} |"

    print(f"diary: {args.bin}; {len(records)} formulas in {counter[0]} notes, {elapsed:.1f}s\n")
    print("| corpus | formulas | converted | % | invalid XML | crash/hang |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, _ in corpora:
        print(row(name, [r for r in records if r["corpus"] == name]))
    print(row("all", records))
    temml = [r for r in records if r["corpus"] == "temml"]
    if temml:
        print()
        print("| temml page | formulas | converted | % | invalid XML | crash/hang |")
        print("|---|---:|---:|---:|---:|---:|")
        for page in sorted({r["source"] for r in temml}):
            print(row(page, [r for r in temml if r["source"] == page]))

    # Failures grouped by message.
    failures = [r for r in records if r["status"] != "converted"]
    groups = collections.defaultdict(list)
    for r in failures:
        groups[r.get("message") or r["status"]].append(r)
    ranked = sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))

    def short(tex, limit=110):
        flat = " ".join(tex.split())
        return flat if len(flat) <= limit else flat[: limit - 1] + "…"

    print(f"\n## Failure reasons ({len(failures)} formulas, {len(groups)} distinct messages; top {min(args.top, len(ranked))})\n")
    for message, rs in ranked[: args.top]:
        per = collections.Counter(r["corpus"] for r in rs)
        split = ", ".join(f"{c} {per[c]}" for c, _ in corpora if per[c])
        print(f"{len(rs):5d}  {message}   [{split}]")
        for r in rs[:2]:
            print(f"         e.g. ({r['corpus']}:{r['source']}) {short(r['tex'])}")

    invalid = [r for r in records if r["status"] == "converted" and r.get("xml_error")]
    if invalid:
        print(f"\n## Converted but not well-formed XML ({len(invalid)})\n")
        for r in invalid[:20]:
            print(f"  ({r['corpus']}:{r['source']}) {r['xml_error']}: {short(r['tex'])}")

    # The converter reports only the first problem of a formula, so a formula can hide
    # more unknown commands. Every command of a failed formula is rendered alone
    # (\cmd, or \begin{env}x\end{env}); those diary calls unknown are counted over
    # all the formulas that use them. Probes are in math mode: text-mode commands (\')
    # count as unknown.
    # A command seen in a converted formula is known in some context (\hline in an array).
    in_converted = set().union(*(commands_of(r["tex"]) for r in records if r["status"] == "converted"))
    candidates = sorted(set().union(*(commands_of(r["tex"]) for r in failures)) - in_converted) if failures else []
    probes = [{"tex": (c + "x\\end{" + c[7:] if c.startswith("\\begin{") else c), "command": c} for c in candidates]
    unknown = {}
    if probes:
        probe_results = render_items(args.bin, probes, workdir, args.timeout, counter, log)
        for probe, result in zip(probes, probe_results):
            message = result.get("message", "")
            if message.startswith("unknown TeX command") or message.startswith("unknown environment"):
                unknown[probe["command"]] = message
    usage = collections.Counter()
    usage_by_corpus = collections.defaultdict(collections.Counter)
    for r in records:
        used = commands_of(r["tex"]) & unknown.keys()
        r["unknown_commands"] = sorted(used)
        for command in used:
            usage[command] += 1
            usage_by_corpus[command][r["corpus"]] += 1
    sole = collections.Counter(r["unknown_commands"][0] for r in records if len(r["unknown_commands"]) == 1)
    print(f"\n## Unknown commands and environments, probed alone ({len(unknown)}; formulas using each, "
          f"[only unknown one in the formula]; top 80)\n")
    line = []
    for command, n in usage.most_common(80):
        line.append(f"{command} {n}" + (f" [{sole[command]}]" if sole[command] else ""))
    print("  " + ", ".join(line))
    blocked_only_by_unknown = sum(1 for r in failures if r["unknown_commands"]
                                  and (r.get("message", "").startswith("unknown TeX command")
                                       or r.get("message", "").startswith("unknown environment")))
    print(f"\n  failed formulas whose first error is an unknown command/environment: {blocked_only_by_unknown} of {len(failures)}")

    # Renderer-specific features, for documenting deliberate exclusions.
    print("\n## Formulas using features of other renderers (not TeX)\n")
    for feature, pattern in EXTENSION_FEATURES.items():
        for name, _ in corpora:
            hits = [r for r in records if r["corpus"] == name and re.search(pattern, r["tex"])]
            if hits:
                ok = sum(r["status"] == "converted" for r in hits)
                sources = ", ".join(sorted({r["source"] for r in hits})[:12])
                print(f"  {feature}: {name} {len(hits)} formulas ({ok} converted) from {sources}")
    nolatex = [r for r in records if r["corpus"] == "katex" and "nolatex" in r["notes"]]
    if nolatex:
        print("\n  KaTeX entries marked nolatex (not valid LaTeX, per ss_data.yaml):")
        for r in nolatex:
            print(f"    {r['source']} ({r['status']}): {r['notes']['nolatex']}")

    if args.failures:
        with open(args.failures, "w", encoding="utf-8") as f:
            f.write(f"# {len(failures)} failed formulas, {len(groups)} messages; diary {args.bin}\n\n")
            for message, rs in ranked:
                f.write(f"{len(rs):5d}  {message}\n")
                for r in rs:
                    f.write(f"         ({r['corpus']}:{r['source']}) {short(r['tex'], 200)}\n")
                f.write("\n")
            f.write(f"# Unknown commands and environments, probed alone: formulas using each (per corpus)\n\n")
            for command, n in usage.most_common():
                per = ", ".join(f"{c} {usage_by_corpus[command][c]}" for c, _ in corpora if usage_by_corpus[command][c])
                f.write(f"{n:5d}  {command}   [{per}]\n")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump({"binary": args.bin, "today": TODAY, "seconds": elapsed, "results": records},
                      f, ensure_ascii=False, indent=1)
    if temporary:
        temporary.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
