using BlazorMessenger.Components.Shared;
using BlazorMessenger.Features.Chat;
using BlazorMessenger.Tests.TestSupport;
using Bunit;

namespace BlazorMessenger.Tests.Features.Chat;

public sealed class UserAvatarTests : MudTestContext
{
    [Fact]
    public void A_person_keeps_one_colour_and_different_people_get_different_colours()
    {
        var ids = Enumerable.Range(0, 40).Select(_ => Guid.NewGuid().ToString()).ToList();

        var first = ids.Select(id => BackgroundOf(Render<UserAvatar>(p => p.Add(a => a.UserId, id).Add(a => a.Name, "Ann Lee")))).ToList();
        var again = ids.Select(id => BackgroundOf(Render<UserAvatar>(p => p.Add(a => a.UserId, id).Add(a => a.Name, "Someone Else")))).ToList();

        Assert.Equal(first, again);
        Assert.True(first.Distinct().Count() >= 6, $"40 people share {first.Distinct().Count()} colours.");
    }

    [Fact]
    public void Initials_are_white_on_a_colour_with_at_least_4_5_to_1_contrast()
    {
        var colours = Enumerable.Range(0, 500).Select(i => UserAvatar.ColorOf($"user-{i}")).Distinct().ToList();

        Assert.All(colours, colour => Assert.True(Contrast(colour, "#ffffff") >= 4.5, $"{colour} on white is {Contrast(colour, "#ffffff"):0.00}:1."));
        var cut = Render<UserAvatar>(p => p.Add(a => a.UserId, "u1").Add(a => a.Name, "ann lee"));
        Assert.Equal("AL", cut.Find(".mud-avatar").TextContent.Trim());
        Assert.Contains("color: #fff", cut.Find(".mud-avatar").GetAttribute("style"));
    }

    private static string BackgroundOf(IRenderedComponent<UserAvatar> avatar) =>
        avatar.Find(".mud-avatar").GetAttribute("style")!.Split(';')[0];

    private static double Contrast(string a, string b)
    {
        var (la, lb) = (Luminance(a), Luminance(b));
        return (Math.Max(la, lb) + 0.05) / (Math.Min(la, lb) + 0.05);
    }

    private static double Luminance(string hex)
    {
        double Channel(int offset)
        {
            var c = Convert.ToInt32(hex.Substring(offset, 2), 16) / 255.0;
            return c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }

        return 0.2126 * Channel(1) + 0.7152 * Channel(3) + 0.0722 * Channel(5);
    }
}
