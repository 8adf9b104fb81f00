using BlazorMessenger.Features.Chat;

namespace BlazorMessenger.Tests.Features.Chat;

public sealed class MentionsTests
{
    private static readonly Dictionary<string, string> Members = new() { ["mia"] = "id-mia", ["bob.k"] = "id-bob" };

    [Theory]
    [InlineData("hi @mia", "hi <@id-mia>")]
    [InlineData("@MIA, look", "<@id-mia>, look")]
    [InlineData("thanks @bob.k.", "thanks <@id-bob>.")]
    [InlineData("mail mia@example.com or @nobody", "mail mia@example.com or @nobody")]
    [InlineData("@all come", "@all come")]
    [InlineData("<@all> and <@id-mia>", "<\u200B@all> and <\u200B@id-mia>")]
    public void Typed_usernames_of_members_become_tokens_and_the_rest_stays(string typed, string stored) =>
        Assert.Equal(stored, Mentions.Encode(typed, Members, allowAll: false));

    [Fact]
    public void Everyone_is_mentioned_only_when_allowed_and_tokens_read_back_as_usernames()
    {
        var stored = Mentions.Encode("@all and @mia", Members, allowAll: true);

        Assert.Equal("<@all> and <@id-mia>", stored);
        Assert.Equal("@all and @mia", Mentions.Decode(stored, id => id == "id-mia" ? "mia" : null));
        Assert.Equal(["all", "id-mia"], Mentions.Ids(stored));
        Assert.True(Mentions.Mention(stored, "anyone"));
        Assert.False(Mentions.Mention("<@id-mia>", "id-bob"));
    }

    [Fact]
    public void The_picker_offers_prefix_matches_first_then_other_matches()
    {
        ChatPeer[] members = [new("1", "amira", null, null), new("2", "mia", "Mia Wong", null), new("3", "zed", "Tamiko", null)];

        Assert.Equal(["mia", "amira", "zed"], Mentions.Match(members, "mi").Select(m => m.UserName));
        Assert.Equal(["mia"], Mentions.Match(members, "wong").Select(m => m.UserName));
        Assert.Equal(3, Mentions.Match(members, "").Count);
    }
}
