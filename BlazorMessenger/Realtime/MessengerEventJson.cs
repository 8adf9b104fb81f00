using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace BlazorMessenger.Realtime;

/// <summary>
/// Events as JSON for the other instances, each tagged with its type's name. Every MessengerEvent of this assembly is
/// known without a list to keep up to date: a new event travels as soon as it exists (the tests round-trip each one).
/// Only these types can come out of a payload, whatever it says.
/// </summary>
public static class MessengerEventJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { TagEvents } },
    };

    public static IReadOnlyList<Type> EventTypes { get; } = typeof(MessengerEvent).Assembly.GetTypes()
        .Where(t => t.IsSubclassOf(typeof(MessengerEvent)) && !t.IsAbstract)
        .OrderBy(t => t.Name, StringComparer.Ordinal)
        .ToList();

    public static byte[] Serialize<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Options);

    public static T Deserialize<T>(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"The payload holds no {typeof(T).Name}.");

    private static void TagEvents(JsonTypeInfo info)
    {
        if (info.Type != typeof(MessengerEvent))
        {
            return;
        }

        info.PolymorphismOptions = new JsonPolymorphismOptions
        {
            TypeDiscriminatorPropertyName = "$type",
            UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization,
        };
        foreach (var type in EventTypes)
        {
            info.PolymorphismOptions.DerivedTypes.Add(new JsonDerivedType(type, type.Name));
        }
    }
}
