using BlazorMessenger.Data;
using BlazorMessenger.Features.Chat;
using BlazorMessenger.Features.Chat.Log;

namespace BlazorMessenger.Tests.Features.Chat.Log;

/// <summary>Who is who in a log, without a renderer: names as bubbles show them, mentions, renames and avatars.</summary>
public sealed class LogPeopleTests
{
    private static readonly ChatPeer Bob = new("bob-id", "bob", "Bob", null);
    private static readonly ChatPeer FakeBob = new("mallory-id", "mallory", "Bob", null);
    private static readonly ChatPeer Carol = new("carol-id", "carol", null, null);

    private static OpenConversation Group(params ChatPeer[] members) => new(
        7, "Team", null, members.ToDictionary(p => p.UserId), 10, 10, MemberIds: members.Select(p => p.UserId).ToHashSet());

    private static ChatMessage From(string senderId, string body = "hi") =>
        new(1, 7, 1, senderId, Guid.NewGuid(), MessageKind.Text, body, DateTime.UnixEpoch, null);

    [Fact]
    public void In_a_group_names_that_read_alike_come_with_the_username_a_copied_username_is_marked_and_the_unknown_stay_nameless()
    {
        var people = new LogPeople("alice-id", "alice");
        people.Take(Group(Bob, FakeBob, Carol));

        Assert.Equal("Bob @bob", people.Names.Of("bob-id"));
        Assert.Equal("⚠ Bob @mallory", people.Names.Of("mallory-id"));
        Assert.Equal("carol", people.Names.Of("carol-id"));
        Assert.Equal("alice", people.Names.Of("alice-id"));
        Assert.Equal("Former member", people.Names.Of("gone-id"));
    }

    [Fact]
    public void A_mention_is_a_chip_with_the_name_for_a_member_the_username_as_text_after_they_left_and_someone_for_a_stranger()
    {
        var people = new LogPeople("alice-id", "alice");
        people.Take(Group(Bob, Carol) with { MemberIds = new HashSet<string> { "bob-id" } });

        Assert.Equal(new Mentioned("@Bob", "bob", true), people.MentionOf("bob-id"));
        Assert.Equal(new Mentioned("@carol", "carol", false), people.MentionOf("carol-id"));
        Assert.Equal(new Mentioned("@someone", "someone", false), people.MentionOf("stranger-id"));
        Assert.Equal(new Mentioned("@all", Mentions.All, true), people.MentionOf(Mentions.All));
    }

    [Fact]
    public void A_rename_shows_through_the_same_names_and_renders_again_only_the_bubbles_that_show_someone_elses_name()
    {
        var people = new LogPeople("alice-id", "alice");
        people.Take(Group(Bob, Carol));
        var names = people.Names;
        var avatar = names.AvatarOf!("bob-id").Value;
        var (others, own, ownWithMention) = (From("bob-id"), From("alice-id"), From("alice-id", "hi <@bob-id>"));
        var before = (people.VersionOf(others), people.VersionOf(ownWithMention));

        Assert.False(people.Rename("stranger-id", "Eve", null));
        Assert.True(people.Rename("bob-id", "Robert", "new-picture"));

        Assert.Same(names, people.Names);
        Assert.Equal("Robert", names.Of("bob-id"));
        Assert.NotEqual(avatar, names.AvatarOf!("bob-id").Value);
        Assert.NotEqual(before, (people.VersionOf(others), people.VersionOf(ownWithMention)));
        Assert.Equal(0, people.VersionOf(own));
    }
}
