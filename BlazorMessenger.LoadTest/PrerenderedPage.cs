using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace BlazorMessenger.LoadTest;

/// <summary>
/// What blazor.web.js reads from a prerendered page before it starts a circuit: the interactive server components'
/// start markers (<c>&lt;!--Blazor:{"type":"server",…}--&gt;</c>, each followed later by an end marker with only its
/// prerenderId), the persisted component state (<c>&lt;!--Blazor-Server-Component-State:…--&gt;</c>), and, for the
/// chat page, the composer's conversation (its <c>data-conversation</c>, where Composer.Text.js reads it too).
/// </summary>
public sealed partial class PrerenderedPage
{
    private PrerenderedPage(IReadOnlyList<JsonObject> serverComponents, string persistedState, long? conversationId)
    {
        ServerComponents = serverComponents;
        PersistedState = persistedState;
        ConversationId = conversationId;
    }

    public IReadOnlyList<JsonObject> ServerComponents { get; }

    public string PersistedState { get; }

    public long? ConversationId { get; }

    public static PrerenderedPage Parse(string html)
    {
        var components = new List<JsonObject>();
        foreach (Match marker in ComponentMarker().Matches(html))
        {
            if (JsonNode.Parse(marker.Groups["json"].Value) is JsonObject json && (string?)json["type"] == "server")
            {
                components.Add(json);
            }
        }

        var state = PersistedStateMarker().Match(html);
        var conversation = ComposerConversation().Match(html);
        return new PrerenderedPage(
            components,
            state.Success ? state.Groups["state"].Value : "",
            conversation.Success ? long.Parse(conversation.Groups["id"].Value) : null);
    }

    /// <summary>
    /// The first UpdateRootComponents batch blazor.web.js sends: every server component added, numbered from 1 in page
    /// order, each with its marker (the descriptor without the DOM positions, plus its unique id).
    /// </summary>
    public string AddOperationsJson()
    {
        var operations = new JsonArray();
        for (var i = 0; i < ServerComponents.Count; i++)
        {
            var marker = ServerComponents[i].DeepClone().AsObject();
            marker["uniqueId"] = i;
            operations.Add(new JsonObject { ["type"] = "add", ["ssrComponentId"] = i + 1, ["marker"] = marker });
        }

        return new JsonObject { ["batchId"] = 1, ["operations"] = operations }.ToJsonString(JsonOptions);
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = false };

    [GeneratedRegex(@"<!--Blazor:(?<json>\{.*?\})-->", RegexOptions.Singleline)]
    private static partial Regex ComponentMarker();

    [GeneratedRegex(@"<!--Blazor-Server-Component-State:(?<state>[a-zA-Z0-9+/=]+)-->")]
    private static partial Regex PersistedStateMarker();

    [GeneratedRegex(@"class=""bm-composer-area""[^>]*?data-conversation=""(?<id>\d+)""")]
    private static partial Regex ComposerConversation();
}
