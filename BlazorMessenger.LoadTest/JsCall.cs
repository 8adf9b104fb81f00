using System.Text.Json;

namespace BlazorMessenger.LoadTest;

/// <summary>
/// One call the circuit made into the page's JavaScript (JS.BeginInvokeJS): what blazor.web.js would run, and the answer
/// a headless page gives. Modules are JS object references; the .NET object references a call hands over (the outbox's
/// sender, the composer) are kept by the module file and function they were handed to, which is how the page's own
/// scripts find them again.
/// </summary>
internal readonly record struct JsCall(long AsyncHandle, string Identifier, string? ArgsJson, int ResultType, long TargetInstanceId)
{
    public const int ResultDefault = 0;
    public const int ResultJsObjectReference = 1;

    /// <summary>The first string argument (the module path of an <c>import</c>).</summary>
    public string? FirstString()
    {
        if (ArgsJson is null)
        {
            return null;
        }

        using var args = JsonDocument.Parse(ArgsJson);
        return args.RootElement.GetArrayLength() > 0 && args.RootElement[0].ValueKind == JsonValueKind.String
            ? args.RootElement[0].GetString()
            : null;
    }

    /// <summary>The first argument as a number (the id of a JS object being disposed); 0 when it is not one.</summary>
    public long FirstNumber()
    {
        if (ArgsJson is null)
        {
            return 0;
        }

        using var args = JsonDocument.Parse(ArgsJson);
        return args.RootElement.GetArrayLength() > 0 && args.RootElement[0].ValueKind == JsonValueKind.Number && args.RootElement[0].TryGetInt64(out var number) ? number : 0;
    }

    /// <summary>The ids of the .NET object references among the arguments (<c>{"__dotNetObject": id}</c>).</summary>
    public List<long> DotNetObjects()
    {
        var ids = new List<long>();
        if (ArgsJson is null || !ArgsJson.Contains("__dotNetObject", StringComparison.Ordinal))
        {
            return ids;
        }

        using var args = JsonDocument.Parse(ArgsJson);
        foreach (var arg in args.RootElement.EnumerateArray())
        {
            if (arg.ValueKind == JsonValueKind.Object && arg.TryGetProperty("__dotNetObject", out var id))
            {
                ids.Add(id.GetInt64());
            }
        }

        return ids;
    }
}
