using BlazorMessenger.Features.Chat;
using BlazorMessenger.Features.Profile;

namespace BlazorMessenger.Tests.Features.Profile;

public sealed class LookAlikeTests
{
    private static ChatPeer Person(string userName, string? displayName) => new(userName + "-id", userName, displayName, null);

    [Theory]
    [InlineData("Alice", "alice")]
    [InlineData("Аlice", "alice")]
    [InlineData("AIice", "alice")]
    [InlineData("a1ice", "alice")]
    [InlineData("Alicé", "alice")]
    [InlineData("a l i c e", "alice")]
    [InlineData("Bob\u200B", "bob")]
    [InlineData("rnallory", "mallory")]
    public void Names_that_read_alike_have_one_skeleton(string name, string like) =>
        Assert.Equal(LookAlike.Skeleton(like), LookAlike.Skeleton(name));

    [Fact]
    public void Different_names_stay_apart() => Assert.NotEqual(LookAlike.Skeleton("Alice"), LookAlike.Skeleton("Alina"));

    [Fact]
    public void Two_people_of_one_name_both_show_their_usernames_and_a_copied_username_is_marked()
    {
        ChatPeer[] people = [Person("alice", "Alice Smith"), Person("mallory", "alice"), Person("al", "Al"), Person("al2", "AL"), Person("carol", null)];

        var clashes = LookAlike.Among(people);

        Assert.Equal("⚠ alice @mallory", LookAlike.Shown(people[1], clashes));
        Assert.Equal("Alice Smith @alice", LookAlike.Shown(people[0], clashes));
        Assert.Equal("Al @al", LookAlike.Shown(people[2], clashes));
        Assert.Equal("⚠ AL @al2", LookAlike.Shown(people[3], clashes));
        Assert.Equal("carol", LookAlike.Shown(people[4], clashes));
    }
}
