using Microsoft.Playwright;

namespace BlazorMessenger.Tests.TestSupport;

/// <summary>
/// WCAG 1.4.11, which axe does not check: icons and borders that carry meaning need 3:1 against what is behind them.
/// Each element's colour (with the opacity of it and its ancestors) is measured against the background it sits on
/// (every translucent layer down to the first opaque one, laid over each other), as the browser computed them.
/// </summary>
public static class NonTextContrast
{
    public const double Minimum = 3.0;

    private const string Script = """
        ({ selector, property }) => {
            const parse = text => {
                const srgb = text.match(/^color\(srgb ([\d.e-]+) ([\d.e-]+) ([\d.e-]+)(?: \/ ([\d.e-]+))?\)$/);
                if (srgb) {
                    return { r: +srgb[1] * 255, g: +srgb[2] * 255, b: +srgb[3] * 255, a: srgb[4] === undefined ? 1 : +srgb[4] };
                }
                const rgb = text.match(/^rgba?\(([\d.]+),? ([\d.]+),? ([\d.]+)(?:(?:,| \/) ([\d.]+))?\)$/);
                if (!rgb) {
                    throw new Error(`A colour this check cannot read: ${text}`);
                }
                return { r: +rgb[1], g: +rgb[2], b: +rgb[3], a: rgb[4] === undefined ? 1 : +rgb[4] };
            };
            const over = (top, bottom) => ({
                r: top.r * top.a + bottom.r * (1 - top.a), g: top.g * top.a + bottom.g * (1 - top.a),
                b: top.b * top.a + bottom.b * (1 - top.a), a: 1,
            });
            const luminance = c => {
                const f = v => (v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
                return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
            };
            const behind = element => {
                const layers = [];
                for (let e = element; e; e = e.parentElement) {
                    const colour = parse(getComputedStyle(e).backgroundColor);
                    if (colour.a > 0) {
                        layers.push(colour);
                        if (colour.a >= 1) {
                            break;
                        }
                    }
                }
                return layers.reverse().reduce((below, layer) => over(layer, below), { r: 255, g: 255, b: 255, a: 1 });
            };
            return [...document.querySelectorAll(selector)].filter(e => e.getClientRects().length > 0).map(element => {
                let opacity = 1;
                for (let e = element; e; e = e.parentElement) {
                    opacity *= +getComputedStyle(e).opacity;
                }
                const ground = behind(property === "color" ? element : element.parentElement);
                const own = parse(getComputedStyle(element)[property]);
                const seen = over({ ...own, a: own.a * opacity }, ground);
                const [light, dark] = [luminance(seen), luminance(ground)].sort((x, y) => y - x);
                const where = element.closest("[data-seq]")?.dataset.seq;
                return { where: `${selector} ${property}${where ? ` in message ${where}` : ""}`, ratio: (light + 0.05) / (dark + 0.05) };
            });
        }
        """;

    /// <summary>Every shown element matching selector whose property (color or a border's colour) falls under 3:1.</summary>
    public static async Task<IReadOnlyList<string>> BelowAsync(IPage page, string selector, string property = "color")
    {
        var found = await page.EvaluateAsync<Measure[]>(Script, new { selector, property });
        Assert.NotEmpty(found);
        return [.. found.Where(m => m.Ratio < Minimum).Select(m => $"{m.Where}: {m.Ratio:0.00}:1")];
    }

    private sealed class Measure
    {
        public string Where { get; set; } = "";

        public double Ratio { get; set; }
    }
}
