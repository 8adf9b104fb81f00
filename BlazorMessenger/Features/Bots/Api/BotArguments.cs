using System.Globalization;
using System.Text.Json;

namespace BlazorMessenger.Features.Bots.Api;

/// <summary>
/// A method's parameters from wherever the client put them (core.telegram.org/bots/api#making-requests): the query
/// string, a JSON body, a form or a multipart body, with numbers as text or JSON, objects as JSON text inside a form
/// field, and files as parts (named after the parameter, or "attach://name").
/// </summary>
public sealed class BotArguments
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IFormFile> _files = new(StringComparer.Ordinal);

    public static async Task<BotArguments> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        var arguments = new BotArguments();
        foreach (var (key, value) in request.Query)
        {
            arguments._values[key] = value.ToString();
        }

        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(ct);
            foreach (var (key, value) in form)
            {
                arguments._values[key] = value.ToString();
            }

            foreach (var file in form.Files)
            {
                arguments._files[file.Name] = file;
            }
        }
        else if (request.ContentLength is not 0 && HttpMethods.IsPost(request.Method))
        {
            await arguments.ReadJsonAsync(request, ct);
        }

        return arguments;
    }

    /// <summary>The parameters of a JSON object (a webhook's reply naming a method to run).</summary>
    public static BotArguments FromJson(JsonElement json)
    {
        var arguments = new BotArguments();
        arguments.Take(json);
        return arguments;
    }

    private async Task ReadJsonAsync(HttpRequest request, CancellationToken ct)
    {
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, ct);
        if (body.Length == 0)
        {
            return;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.ToArray());
        }
        catch (JsonException)
        {
            throw BotApiException.BadRequest("can't parse JSON object");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw BotApiException.BadRequest("JSON object expected");
            }

            Take(document.RootElement);
        }
    }

    private void Take(JsonElement json)
    {
        foreach (var property in json.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.Null)
            {
                _values[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
            }
        }
    }

    public bool Has(string name) => _values.ContainsKey(name);

    public string? Text(string name) => _values.GetValueOrDefault(name);

    public string RequiredText(string name) =>
        Text(name) is { Length: > 0 } value ? value : throw BotApiException.BadRequest($"{name} is empty");

    public long? Long(string name) =>
        Text(name) is not { Length: > 0 } text ? null
        : long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value
        : throw BotApiException.BadRequest($"invalid {name} specified");

    public long RequiredLong(string name) => Long(name) ?? throw BotApiException.BadRequest($"{name} is empty");

    public int Int(string name, int fallback, int min, int max) =>
        Long(name) is { } value ? (int)Math.Clamp(value, min, max) : fallback;

    public bool Bool(string name) => Text(name) is { } text && (text == "1" || text.Equals("true", StringComparison.OrdinalIgnoreCase));

    /// <summary>A parameter that holds JSON (an object or array), null when absent.</summary>
    public JsonElement? Json(string name)
    {
        if (Text(name) is not { Length: > 0 } text)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            throw BotApiException.BadRequest($"can't parse {name} JSON object");
        }
    }

    /// <summary>An uploaded file: a part named after the parameter, or the part "attach://x" names; null when the value is not an upload.</summary>
    public IFormFile? File(string name) =>
        _files.GetValueOrDefault(name)
        ?? (Text(name) is { } text && text.StartsWith("attach://", StringComparison.Ordinal) ? _files.GetValueOrDefault(text["attach://".Length..]) : null);
}
