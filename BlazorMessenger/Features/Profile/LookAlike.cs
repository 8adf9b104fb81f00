using System.Globalization;
using System.Text;
using BlazorMessenger.Features.Chat;

namespace BlazorMessenger.Features.Profile;

/// <summary>
/// Impersonation by display name: "alice" written by mallory looks exactly like alice. Among the people of one
/// conversation, those whose names read alike (the same letters once case, accents, spacing and the usual look-alike
/// letters and digits are set aside: Cyrillic "а", "0" for "o", "rn" for "m") are shown with their @username, and so is
/// anyone whose display name reads like another person's username, whose name is also marked.
/// </summary>
public static class LookAlike
{
    /// <summary>The name as shown among these people: "Name @username" when it could be mistaken, "⚠ " first when it copies a username.</summary>
    public static string Shown(ChatPeer person, Clashes clashes) =>
        !clashes.Ambiguous.Contains(person.UserId) ? person.Name
        : clashes.Impersonating.Contains(person.UserId) ? $"⚠ {person.Name} @{person.UserName}"
        : $"{person.Name} @{person.UserName}";

    /// <summary>Who among these people needs their username beside their name, and who copies someone's username.</summary>
    public static Clashes Among(IEnumerable<ChatPeer> people)
    {
        var list = people.DistinctBy(p => p.UserId).ToList();
        if (list.Count < 2)
        {
            return Clashes.None;
        }

        var names = list.ToLookup(p => Skeleton(p.Name));
        var ambiguous = new HashSet<string>(StringComparer.Ordinal);
        var impersonating = new HashSet<string>(StringComparer.Ordinal);
        foreach (var same in names.Where(g => g.Key.Length > 0 && g.Count() > 1))
        {
            ambiguous.UnionWith(same.Select(p => p.UserId));
        }

        var userNames = list.ToLookup(p => Skeleton(p.UserName));
        foreach (var person in list.Where(p => p.DisplayName is not null))
        {
            var copied = userNames[Skeleton(person.Name)].Where(o => o.UserId != person.UserId).ToList();
            if (copied.Count > 0)
            {
                impersonating.Add(person.UserId);
                ambiguous.Add(person.UserId);
                ambiguous.UnionWith(copied.Select(o => o.UserId));
            }
        }

        return ambiguous.Count == 0 ? Clashes.None : new Clashes(ambiguous, impersonating);
    }

    /// <summary>What a name looks like, give or take: the letters that tell names apart, in one form.</summary>
    public static string Skeleton(string name)
    {
        var text = new StringBuilder(name.Length);
        foreach (var c in name.Replace('I', 'l').Normalize(NormalizationForm.FormKD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark)
            {
                continue;
            }

            var lower = char.ToLowerInvariant(c);
            var plain = Confusable(lower);
            if (char.IsLetterOrDigit(plain))
            {
                text.Append(plain);
            }
        }

        return text.Replace("rn", "m").Replace("vv", "w").Replace("cl", "d").ToString();
    }

    private static char Confusable(char c) => c switch
    {
        'а' or 'α' or '@' => 'a',
        'в' or 'β' or 'ь' => 'b',
        'с' or 'ϲ' => 'c',
        'ԁ' => 'd',
        'е' or 'ё' or 'ε' or 'є' => 'e',
        'ɡ' => 'g',
        'һ' or 'н' => 'h',
        'і' or 'ї' or 'ι' or '1' or '|' or 'ӏ' => 'l',
        'ј' => 'j',
        'к' or 'κ' => 'k',
        'м' => 'm',
        'η' or 'п' => 'n',
        'о' or 'ο' or 'σ' or '0' => 'o',
        'р' or 'ρ' => 'p',
        'ԛ' => 'q',
        'г' => 'r',
        'ѕ' or '$' or '5' => 's',
        'т' or 'τ' or '7' => 't',
        'υ' or 'μ' => 'u',
        'ν' => 'v',
        'ԝ' or 'ω' or 'ш' => 'w',
        'х' or 'χ' => 'x',
        'у' or 'γ' or 'ү' => 'y',
        '3' => 'e',
        _ => c,
    };
}

/// <summary>Ambiguous: shown with @username. Impersonating: their display name reads like someone else's username.</summary>
public sealed record Clashes(IReadOnlySet<string> Ambiguous, IReadOnlySet<string> Impersonating)
{
    public static readonly Clashes None = new(new HashSet<string>(), new HashSet<string>());
}
