using BlazorMessenger.Features.Chat;
using BlazorMessenger.Features.Chat.Compose;

namespace BlazorMessenger.Tests.Features.Chat.Compose;

/// <summary>The "@" picker's state without a renderer: what a query offers, the active choice, and closing.</summary>
public sealed class MentionStateTests
{
    private static readonly ChatPeer[] Members =
        [new("id-mia", "mia", "Mia Wong", null), new("id-mike", "mike", null, null), new("id-zed", "zed", null, null)];

    private readonly MentionState _state = new();

    [Fact]
    public void A_query_offers_the_matching_members_and_the_arrow_keys_move_round_them_from_the_first()
    {
        _state.Offer(Members, canMentionAll: false);
        _state.Typed("mi");

        Assert.Equal(["mia", "mike"], _state.Choices.Select(c => c.UserName));
        Assert.Equal(0, _state.Active);
        Assert.True(_state.Key("ArrowUp"));
        Assert.Equal(1, _state.Active);
        Assert.True(_state.Key("ArrowDown"));
        Assert.Equal(0, _state.Active);
        Assert.False(_state.Key("Home"));

        _state.Key("ArrowDown");
        _state.Typed("m");
        Assert.Equal(0, _state.Active);
    }

    [Fact]
    public void Escape_closes_the_picker_and_keys_do_nothing_while_it_is_closed()
    {
        _state.Offer(Members, canMentionAll: false);
        _state.Typed("z");

        Assert.True(_state.Key("Escape"));

        Assert.Null(_state.Query);
        Assert.Empty(_state.Choices);
        Assert.False(_state.Key("ArrowDown"));
    }

    [Fact]
    public void Everyone_is_offered_only_to_those_who_may_mention_all_and_a_direct_conversation_has_no_picker()
    {
        _state.Offer(Members, canMentionAll: false);
        _state.Typed("al");
        Assert.Empty(_state.Choices);

        _state.Offer(Members, canMentionAll: true);
        Assert.Equal([Mentions.All], _state.Choices.Select(c => c.UserName));

        _state.Offer(null, canMentionAll: true);
        _state.Typed("al");
        Assert.Null(_state.Query);
        Assert.Empty(_state.Choices);
    }
}
