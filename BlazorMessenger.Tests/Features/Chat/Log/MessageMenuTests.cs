using BlazorMessenger.Data;
using BlazorMessenger.Features.Chat;
using BlazorMessenger.Features.Chat.Log;

namespace BlazorMessenger.Tests.Features.Chat.Log;

/// <summary>What a message's menu offers, without a renderer.</summary>
public sealed class MessageMenuTests
{
    private static readonly DateTime Sent = new(2026, 12, 7, 9, 0, 0, DateTimeKind.Utc);

    private static ChatMessage Message(MessageKind kind = MessageKind.Text, string body = "hello") =>
        new(1, 1, 1, "bob", Guid.NewGuid(), kind, body, DateTime.SpecifyKind(Sent, DateTimeKind.Unspecified), null);

    [Fact]
    public void Ones_own_message_is_edited_and_deleted_for_everyone_within_the_window_and_anyones_deleted_for_oneself()
    {
        var mine = MessageMenu.For(Message(), mine: true, isGroup: true, readOnly: false, canPin: true, Sent.AddMinutes(1));
        var late = MessageMenu.For(Message(), mine: true, isGroup: false, readOnly: false, canPin: true, Sent + MessageRules.EditWindow);
        var theirs = MessageMenu.For(Message(), mine: false, isGroup: true, readOnly: false, canPin: false, Sent.AddMinutes(1));

        Assert.Equal(new MessageMenu(React: true, Reply: true, Pin: true, Copy: true, Edit: true, Info: true, Delete: true, DeleteForEveryone: true, Report: false), mine);
        Assert.Equal((false, false, true, false), (late.Edit, late.Info, late.Delete, late.DeleteForEveryone));
        Assert.Equal(new MessageMenu(React: true, Reply: true, Pin: false, Copy: true, Edit: false, Info: false, Delete: true, DeleteForEveryone: false, Report: true), theirs);
    }

    [Theory]
    [InlineData(MessageKind.Voice, "", false, false)]
    [InlineData(MessageKind.Image, "", true, false)]
    [InlineData(MessageKind.File, "the caption", true, true)]
    public void Only_text_images_and_files_are_edited_and_only_a_message_with_text_is_copied(MessageKind kind, string body, bool edit, bool copy)
    {
        var menu = MessageMenu.For(Message(kind, body), mine: true, isGroup: false, readOnly: false, canPin: false, Sent);

        Assert.Equal((edit, copy), (menu.Edit, menu.Copy));
    }

    [Fact]
    public void A_read_only_conversation_offers_copy_delete_for_me_and_report_nothing_that_answers_and_a_system_line_neither_reaction_nor_delete()
    {
        var request = MessageMenu.For(Message(), mine: false, isGroup: false, readOnly: true, canPin: true, Sent);
        var left = MessageMenu.For(Message(), mine: true, isGroup: true, readOnly: true, canPin: true, Sent);
        var system = MessageMenu.For(Message(MessageKind.System, "bob joined"), mine: false, isGroup: true, readOnly: false, canPin: true, Sent);

        Assert.Equal(new MessageMenu(React: false, Reply: false, Pin: false, Copy: true, Edit: false, Info: false, Delete: true, DeleteForEveryone: false, Report: true), request);
        Assert.Equal((false, false, false, true, false), (left.React, left.Reply, left.Edit, left.Delete, left.DeleteForEveryone));
        Assert.Equal((false, false), (system.React, system.Delete));
    }
}
