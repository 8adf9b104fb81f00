using System.Collections.Concurrent;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace BlazorMessenger.Components.Shared;

/// <summary>
/// Icons as plain markup: one frame (and, kept in a static field, one shared string) where a MudIcon is a component, which
/// every circuit keeps with its render tree for as long as the icon is shown.
/// </summary>
public static class Svg
{
    /// <summary>An icon in the text's colour, sized by the surrounding CSS or by size (in pixels).</summary>
    public static MarkupString Icon(string paths, int? size = null) => new(size is { } px
        ? $"<svg viewBox=\"0 0 24 24\" width=\"{px}\" height=\"{px}\" fill=\"currentColor\" aria-hidden=\"true\" focusable=\"false\">{paths}</svg>"
        : $"<svg viewBox=\"0 0 24 24\" fill=\"currentColor\" aria-hidden=\"true\" focusable=\"false\">{paths}</svg>");

    private static readonly ConcurrentDictionary<(string, Size), MarkupString> MudIcons = new();

    /// <summary>
    /// An icon as MudIcon draws it (its classes, so MudBlazor's size and colour rules apply); one string per icon and size,
    /// shared by every circuit that shows it.
    /// </summary>
    public static MarkupString Mud(string paths, Size size = Size.Medium) => MudIcons.GetOrAdd((paths, size), key =>
        new($"<svg class=\"mud-icon-root mud-svg-icon mud-icon-size-{key.Item2.ToString().ToLowerInvariant()}\" focusable=\"false\" viewBox=\"0 0 24 24\" aria-hidden=\"true\" role=\"img\">{key.Item1}</svg>"));
}
