"""Chinese renders in figures on a fresh machine: no missing-glyph warning, with the bundled font."""
import warnings

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from gwfw import plots  # noqa: E402


def test_chinese_labels_render_without_missing_glyphs(tmp_path):
    family = plots.use_cjk_font()
    assert "CJK" in family
    fig, ax = plt.subplots()
    ax.bar(["綦江区", "荣昌区", "坡头区"], [98.33, 91.25, 100])
    ax.set_title("办结率 · 网上可办率 −5%")
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message=".*missing from font")  # "Glyph 21150 … missing from font(s)"
        fig.savefig(tmp_path / "zh.png")
    plt.close(fig)
    used = matplotlib.font_manager.findfont(matplotlib.font_manager.FontProperties(family=["sans-serif"]))
    assert used.endswith(plots.FONT_FILE)


def test_default_font_would_show_tofu(tmp_path):
    """The check above can fail: DejaVu Sans alone lacks the glyphs."""
    fig, ax = plt.subplots()
    ax.set_title("办结率", family="DejaVu Sans")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig.savefig(tmp_path / "tofu.png")
    plt.close(fig)
    assert any("missing from font" in str(w.message) for w in caught)
