using System.Text.Json;
using System.Text.Json.Serialization;
using BlazorMessenger.Features.Notifications;

namespace BlazorMessenger.Features.Push;

/// <summary>
/// What the service worker (wwwroot/sw.js) gets in a push, encrypted to the browser: a message to show, or word that the
/// person read the conversation up to Seq (close its notification). Icon and Url are relative to the app's base.
/// </summary>
public sealed record PushPayload(string Type, string Tag, long ConversationId, long Seq, string? Title = null, string? Body = null, string? Icon = null, string? Url = null)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>The push service keeps only the newest undelivered push of one topic per browser: one per conversation.</summary>
    [JsonIgnore]
    public string Topic => $"c{ConversationId}";

    public static PushPayload Message(BrowserNotification note) =>
        new("message", note.Tag, note.ConversationId, note.Seq, note.Title, note.Body, note.Icon, note.Href);

    public static PushPayload Read(long conversationId, long seq) =>
        new("read", BrowserNotification.TagOf(conversationId), conversationId, seq);

    public string ToJson() => JsonSerializer.Serialize(this, Json);
}
