using BlazorMessenger.Features.Groups;
using BlazorMessenger.Features.Profile;
using BlazorMessenger.Tests.Features.Chat;
using BlazorMessenger.Tests.TestSupport;

namespace BlazorMessenger.Tests.Features.Profile;

public sealed class NameTextTests
{
    [Theory]
    [InlineData("\u202Egnp.exe", "gnp.exe")]
    [InlineData("ali\u200Bce", "alice")]
    [InlineData("\u2066bob\u2069 \u200F", "bob")]
    [InlineData("\uFEFFcarol\u2060", "carol")]
    [InlineData("dave\u0000\u0007 \t\n smith", "dave smith")]
    [InlineData("e\u0301ve", "\u00E9ve")]
    [InlineData("ev\U000E0041e\U000E007F", "eve")]
    [InlineData("\u3164\u2800 \u115F", "")]
    public void Invisible_reordering_and_control_characters_are_removed(string typed, string kept) =>
        Assert.Equal(kept, NameText.Clean(typed));

    [Theory]
    [InlineData("Ada 👩\u200D💻")]
    [InlineData("Family 👨\u200D👩\u200D👧")]
    [InlineData("Love ❤\uFE0F\u200D🔥")]
    [InlineData("שלום עולם")]
    [InlineData("Zoë Ünal")]
    public void Emoji_sequences_and_other_scripts_stay_as_typed(string name) => Assert.Equal(name, NameText.Clean(name));

    [Fact]
    public async Task A_display_name_and_a_group_name_are_stored_without_the_override()
    {
        await using var bed = await ChatTestBed.CreateAsync();

        var saved = await bed.Services.Get<ProfileService>().UpdateAsync(
            bed.Alice, new ProfileUpdate("\u202Egnp.exe"), TestContext.Current.CancellationToken);

        Assert.Equal("gnp.exe", saved.Value!.DisplayName);
        Assert.Equal("Trip", GroupRules.CleanTitle("\u202ATr\u200Bip\u202C"));
        Assert.Null(GroupRules.CleanTitle("\u202E\u200B"));
    }
}
