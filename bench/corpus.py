#!/usr/bin/env python3
"""A seeded corpus of realistic diary notes for the site benchmark.

Every note is 2-4 KB: front matter, headings, paragraphs with emphasis, links, inline
math and placeholders, a nested list, a GFM table, a code block, display math and one
calc cell with a small batch-norm computation. The same seed gives the same files.

    python3 bench/corpus.py OUT_DIR COUNT [--seed N]
"""
import argparse
import os
import random

TOPICS = ["batch normalization", "momentum", "RMSprop", "Adam", "learning-rate decay", "dropout",
          "weight initialization", "gradient checking", "softmax regression", "mini-batch gradient descent",
          "bias correction", "exponentially weighted averages", "hyperparameter search", "L2 regularization"]
WORDS = ("the a of to in is that for it as with on by this be are from or an which one can "
         "training layer network gradient batch mean variance update step weights bias loss cost "
         "example value scale shift normalize average moving estimate converge learning rate").split()
INLINE_MATH = [r"\mu_B", r"\sigma^2_B", r"\hat{x}^{(i)}", r"\gamma", r"\beta", r"W^{[l]}", r"\alpha",
               r"v_{dW}", r"\epsilon", r"\frac{1}{m}", r"z^{(i)}_{\text{norm}}", r"\nabla_\theta J"]
DISPLAY_MATH = [
    r"\mu_B = \frac{1}{m}\sum_{i=1}^{m} x_i, \quad \sigma_B^2 = \frac{1}{m}\sum_{i=1}^{m} (x_i - \mu_B)^2",
    r"\hat{x}_i = \frac{x_i - \mu_B}{\sqrt{\sigma_B^2 + \epsilon}}, \qquad y_i = \gamma \hat{x}_i + \beta",
    r"v_t = \beta v_{t-1} + (1 - \beta)\,\theta_t, \qquad \hat{v}_t = \frac{v_t}{1 - \beta^t}",
    r"W^{[l]} := W^{[l]} - \alpha \frac{v_{dW}}{\sqrt{s_{dW}} + \varepsilon}",
    r"J(w,b) = -\frac{1}{m}\sum_{i=1}^{m}\left[ y^{(i)}\log \hat{y}^{(i)} + (1-y^{(i)})\log(1-\hat{y}^{(i)}) \right]",
]
PLACEHOLDERS = ["{{DATE_PRETTY}}", "{{DAY_SINCE_2025_08_18}}", "{{ DAYS_UNTIL_2027_01_01 }}", "{{WEEKDAY}}"]


def sentence(rng, math=True):
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 16))]
    if math and rng.random() < 0.5:
        words.insert(rng.randint(1, len(words) - 1), "$" + rng.choice(INLINE_MATH) + "$")
    if rng.random() < 0.3:
        i = rng.randint(0, len(words) - 1)
        words[i] = "**" + words[i] + "**"
    if rng.random() < 0.2:
        i = rng.randint(0, len(words) - 1)
        words[i] = "*" + words[i] + "*"
    return " ".join(words).capitalize() + "."


def paragraph(rng, sentences):
    return " ".join(sentence(rng) for _ in range(sentences))


def note(rng, index):
    topic = rng.choice(TOPICS)
    day = 1 + index % 28
    month = 1 + (index // 28) % 12
    parts = [f"---\ntitle: \"Notes {index}: {topic}\"\ndate: 2025-{month:02d}-{day:02d}\ntags: [deep-learning]\n---\n",
             f"# {topic.capitalize()} ({index})\n",
             f"Today is {rng.choice(PLACEHOLDERS)}; day {{{{DAY_SINCE_2025_08_18}}}} of this diary. " + paragraph(rng, 3) + "\n",
             f"## What {topic} does\n",
             paragraph(rng, 4) + " See [the course](https://example.org/course) and ~~old notes~~.\n",
             "$$" + rng.choice(DISPLAY_MATH) + "$$\n",
             "- " + sentence(rng) + "\n  - " + sentence(rng) + "\n  - " + sentence(rng, math=False) + "\n- " + sentence(rng) + "\n",
             "| setting | value | note |\n|---|---:|---|\n" + "".join(
                 f"| {rng.choice(WORDS)} | {rng.randint(1, 999) / 10} | {rng.choice(WORDS)} {rng.choice(WORDS)} |\n" for _ in range(4)),
             "## A worked example\n",
             paragraph(rng, 2) + "\n",
             "```calc\n"
             f"x = randn([{rng.randint(4, 16)}, 3], seed = {index})\n"
             "mu = mean(x, axis = 0)\n"
             "s2 = var(x, axis = 0)\n"
             "y = batchnorm(x)\n"
             "show(mu, s2, mean(y, axis = 0))\n"
             "```\n",
             "The first unit's batch mean is {{ round(mu[0], 3) }}.\n",
             "```python\nimport numpy as np\n"
             f"x = np.random.randn({rng.randint(4, 64)}, 3)\nmu = x.mean(axis=0)\nvar = x.var(axis=0)\n"
             "x_hat = (x - mu) / np.sqrt(var + 1e-5)\n```\n",
             "## Summary\n",
             paragraph(rng, 3) + "\n"]
    text = "\n".join(parts)
    target = rng.randint(2048, 4000)
    while len(text.encode()) < target:
        text += "\n" + paragraph(rng, 2) + "\n"
    return text


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("count", type=int)
    parser.add_argument("--seed", type=int, default=20261126)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    os.makedirs(args.out, exist_ok=True)
    sizes = []
    for index in range(args.count):
        text = note(rng, index)
        sizes.append(len(text.encode()))
        with open(os.path.join(args.out, f"note-{index:05d}.md"), "w", encoding="utf-8") as handle:
            handle.write(text)
    print(f"{args.count} notes, {min(sizes)}-{max(sizes)} bytes, {sum(sizes) / 1e6:.2f} MB in {args.out}")


if __name__ == "__main__":
    main()
