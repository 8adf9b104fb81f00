using System.Globalization;
using System.Text.Json;

namespace BlazorMessenger.Features.Hooks;

/// <summary>
/// Reading a payload's fields: absent and null are the same, any other type than the field's is an invalid payload
/// (thrown as a JsonException, as a parse error is). Numbers where text is expected are read as text, as senders
/// write field values either way.
/// </summary>
internal static class HookJson
{
    public static string? String(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Null => null,
            _ => throw new JsonException($"\"{name}\" is not a string."),
        } : null;

    public static string? Value(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False
            ? value.GetRawText()
            : String(obj, name);

    public static bool IsTrue(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && (value.ValueKind == JsonValueKind.True
            || (value.ValueKind == JsonValueKind.String && value.GetString() == "true"));

    /// <summary>The first max objects of an array field (none when absent).</summary>
    public static IEnumerable<JsonElement> Objects(JsonElement obj, string name, int max)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new JsonException($"\"{name}\" is not an array.");
        }

        return value.EnumerateArray().Take(max).Select(item => item.ValueKind == JsonValueKind.Object
            ? item
            : throw new JsonException($"\"{name}\" holds something other than objects."));
    }

    /// <summary>An object field, or null when absent.</summary>
    public static JsonElement? Object(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.Object => value,
            JsonValueKind.Null => null,
            _ => throw new JsonException($"\"{name}\" is not an object."),
        } : null;

    /// <summary>Unix seconds ("ts"), as a number or a string ("1700000000.123"); null when missing or out of range.</summary>
    public static DateTime? Time(JsonElement obj, string name)
    {
        if (!obj.TryGetProperty(name, out var value))
        {
            return null;
        }

        var seconds = value.ValueKind switch
        {
            JsonValueKind.Number => value.GetDouble(),
            JsonValueKind.String when double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => double.NaN,
        };
        return seconds is > 0 and < 253_402_300_800 ? DateTime.UnixEpoch.AddSeconds(Math.Floor(seconds)) : null;
    }
}
