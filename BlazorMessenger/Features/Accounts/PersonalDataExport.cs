using System.IO.Compression;
using System.Text.Json;
using BlazorMessenger.Data;
using BlazorMessenger.Features.Media;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace BlazorMessenger.Features.Accounts;

/// <summary>
/// "Download your data": a ZIP with the account's personal data (personal-data.json), every message the person sent
/// (messages.json, with the conversation it went to) and the images they sent or use as their picture (media/).
/// </summary>
public sealed class PersonalDataExport(IDbContextFactory<ApplicationDbContext> dbFactory, MediaStore store)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public async Task WriteAsync(UserManager<ApplicationUser> users, ApplicationUser user, Stream output, CancellationToken ct = default)
    {
        // The archive is built in a temporary file, then sent: its entries finish with synchronous writes, which a
        // response body refuses, and the media may be too large to hold in memory.
        await using var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await using (var zip = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: true))
        {
            await WriteEntriesAsync(zip, users, user, ct);
        }

        file.Position = 0;
        await file.CopyToAsync(output, ct);
    }

    private async Task WriteEntriesAsync(ZipArchive zip, UserManager<ApplicationUser> users, ApplicationUser user, CancellationToken ct)
    {
        await WriteJsonAsync(zip, "personal-data.json", await AccountAsync(users, user), ct);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var messages = await db.Messages.AsNoTracking().Where(m => m.SenderId == user.Id && m.Kind != MessageKind.System)
            .OrderBy(m => m.CreatedUtc)
            .Select(m => new
            {
                m.ConversationId,
                Conversation = db.Conversations.Where(c => c.Id == m.ConversationId)
                    .Select(c => c.Kind == ConversationKind.Group
                        ? c.Title
                        : c.Members.Where(x => x.UserId != user.Id).Select(x => x.User!.UserName).FirstOrDefault())
                    .FirstOrDefault(),
                m.Seq, m.CreatedUtc, m.EditedUtc, m.DeletedUtc,
                Text = m.DeletedUtc == null ? m.Body : null,
                Image = m.DeletedUtc == null ? m.MediaId : null,
            })
            .ToListAsync(ct);
        await WriteJsonAsync(zip, "messages.json", messages, ct);

        var mediaIds = messages.Where(m => m.Image is not null).Select(m => m.Image!).Append(user.AvatarMediaId).OfType<string>().ToList();
        foreach (var media in await db.Media.AsNoTracking().Where(m => mediaIds.Contains(m.Id)).ToListAsync(ct))
        {
            var path = store.PathFor(media.StorageKey);
            if (File.Exists(path))
            {
                await zip.CreateEntryFromFileAsync(path, $"media/{Path.GetFileName(media.StorageKey)}", CompressionLevel.NoCompression, ct);
            }
        }
    }

    /// <summary>The fields Identity marks as personal data, the external logins and the authenticator key.</summary>
    private static async Task<Dictionary<string, string?>> AccountAsync(UserManager<ApplicationUser> users, ApplicationUser user)
    {
        var data = typeof(ApplicationUser).GetProperties()
            .Where(p => Attribute.IsDefined(p, typeof(PersonalDataAttribute)))
            .ToDictionary(p => p.Name, p => p.GetValue(user)?.ToString());
        data[nameof(ApplicationUser.DisplayName)] = user.DisplayName;
        data[nameof(ApplicationUser.LastSeenUtc)] = user.LastSeenUtc?.ToString("O");
        foreach (var login in await users.GetLoginsAsync(user))
        {
            data[$"{login.LoginProvider} external login provider key"] = login.ProviderKey;
        }

        data["Authenticator Key"] = await users.GetAuthenticatorKeyAsync(user);
        return data;
    }

    private static async Task WriteJsonAsync<T>(ZipArchive zip, string name, T value, CancellationToken ct)
    {
        await using var entry = await zip.CreateEntry(name).OpenAsync(ct);
        await JsonSerializer.SerializeAsync(entry, value, Indented, ct);
    }
}
