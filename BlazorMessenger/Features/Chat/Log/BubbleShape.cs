namespace BlazorMessenger.Features.Chat;

/// <summary>How a bubble sits in its log: one parameter rather than three, as every parameter is kept per message.</summary>
[Flags]
public enum BubbleShape
{
    None = 0,

    /// <summary>The first of a run of one sender's messages: someone else's shows their picture.</summary>
    StartsRun = 1,

    /// <summary>In a group, someone else's run starts with their name.</summary>
    ShowsName = 2,

    /// <summary>A search result, quote or pin pointed here.</summary>
    Highlighted = 4,
}
