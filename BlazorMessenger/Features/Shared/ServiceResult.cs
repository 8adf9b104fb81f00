namespace BlazorMessenger.Features.Shared;

/// <summary>What a service hands back for input a person typed: the value, or a sentence to show them.</summary>
public sealed record ServiceResult<T>(T? Value, string? Error)
{
    public bool Succeeded => Error is null;

    public static ServiceResult<T> Ok(T value) => new(value, null);

    public static ServiceResult<T> Fail(string error) => new(default, error);
}
