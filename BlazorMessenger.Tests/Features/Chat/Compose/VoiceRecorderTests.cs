using BlazorMessenger.Data;
using BlazorMessenger.Features.Chat.Compose;
using BlazorMessenger.Features.Chat.Log;
using BlazorMessenger.Tests.TestSupport;
using Bunit;
using Microsoft.JSInterop;

namespace BlazorMessenger.Tests.Features.Chat.Compose;

/// <summary>
/// The voice recorder's circuit half, with the browser's half (VoiceRecorder.razor.js, which the voice flow runs in
/// Chromium) answering as a browser would: refusing the microphone, or handing over a stopped recording.
/// </summary>
public sealed class VoiceRecorderTests : ChatComponentContext
{
    private const string Script = "./Features/Chat/Compose/VoiceRecorder.razor.js";

    [Fact]
    public void A_refused_microphone_says_how_to_allow_it_and_leaves_no_recording_bar()
    {
        var script = JSInterop.SetupModule(Script);
        script.Setup<bool>("start", _ => true).SetException(new JSException("NotAllowedError: Permission denied"));
        var cut = RenderComposer();

        cut.Find("button[aria-label='Record a voice message']").Click();

        cut.WaitForAssertion(() => Assert.Equal(VoiceRecorder.MicrophoneRefused, cut.Find("#composer-feedback [role=alert]").TextContent));
        Assert.Empty(cut.FindAll(".bm-recording"));
        Assert.False(cut.Find("button[aria-label='Record a voice message']").HasAttribute("disabled"));
    }

    [Fact]
    public async Task A_recording_sent_while_replying_is_stored_as_a_voice_note_answering_that_message_and_the_quote_goes()
    {
        var ct = Xunit.TestContext.Current.CancellationToken;
        var question = await Bed.Chat.SendAsync(Bed.Bob, Bed.ConversationId, Guid.NewGuid(), "say it out loud", ct: ct);
        var script = JSInterop.SetupModule(Script);
        script.Setup<bool>("start", _ => true).SetResult(true);
        script.Setup<VoiceRecorder.Recorded?>("stop", _ => true).SetResult(new VoiceRecorder.Recorded("audio/webm;codecs=opus", 2400));
        script.Setup<IJSStreamReference>("take", _ => true).SetResult(new Recording([0x1A, 0x45, 0xDF, 0xA3, 1, 2, 3]));
        script.SetupVoid("cancel", _ => true).SetVoidResult();
        var cut = RenderComposer();
        await cut.InvokeAsync(() => cut.Instance.ReplyToAsync(new ReplyRequest(question.Value!, "bob", _ => null)));

        cut.Find("button[aria-label='Record a voice message']").Click();
        Assert.True(cut.Find("button[aria-label='Record a voice message']").HasAttribute("disabled"));
        cut.Find(".bm-recording button:last-child").Click();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".bm-recording")));
        Assert.Empty(cut.FindAll(".bm-reply-bar"));
        var voice = (await Bed.Chat.GetAfterAsync(Bed.Alice, Bed.ConversationId, question.Value!.Seq, ct)).Single();
        Assert.Equal((MessageKind.Voice, Bed.Alice, question.Value.Id, 2400), (voice.Kind, voice.SenderId, voice.ReplyToId, voice.File!.DurationMs));
        Assert.Equal(7, voice.File.Bytes);
    }

    private IRenderedComponent<Composer> RenderComposer() =>
        Render<Composer>(p => p.Add(c => c.ConversationId, Bed.ConversationId).Add(c => c.UserId, Bed.Alice));

    /// <summary>A stopped recording as the browser hands it over: a stream of its bytes.</summary>
    private sealed class Recording(byte[] bytes) : IJSStreamReference
    {
        public long Length => bytes.Length;

        public ValueTask<Stream> OpenReadStreamAsync(long maxAllowedSize = 512000, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult<Stream>(new MemoryStream(bytes));

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
