using System.Globalization;

namespace BlazorMessenger.Hosting.Backup;

/// <summary>
/// <c>backup &lt;dir&gt;</c> and <c>restore &lt;dir&gt;</c>, run instead of the web app when they are the first argument.
/// The configuration is built as the app builds it (appsettings, environment variables such as Messenger__DataDirectory,
/// further command-line settings), so the command finds the app's data directory. Exit codes: 0 done, 1 refused or
/// failed (one line on stderr), 2 not understood.
/// </summary>
public static class BackupCommand
{
    public const int Succeeded = 0;
    public const int Failed = 1;
    public const int Misused = 2;

    public const string Usage =
        "Usage: BlazorMessenger backup <dir> | restore <dir> [--Messenger:DataDirectory=<path>] (backup into an empty directory; restore into an empty data directory).";

    public static bool Handles(string[] args) => args is ["backup" or "restore", ..];

    /// <summary>From Program: the console, and Ctrl+C cancels (a cancelled run removes what it wrote).</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        return await RunAsync(args, Console.Out, Console.Error, cancel.Token);
    }

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken ct)
    {
        if (args is not [var verb and ("backup" or "restore"), var directory, .. var settings] || directory.StartsWith('-'))
        {
            await error.WriteLineAsync(Usage);
            return Misused;
        }

        try
        {
            var builder = WebApplication.CreateBuilder(settings);
            var options = builder.Configuration.GetSection(MessengerOptions.SectionName).Get<MessengerOptions>() ?? new MessengerOptions();
            var database = builder.Configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();
            var storage = options.ResolveStorage(builder.Environment.ContentRootPath);
            if (database.Provider == DatabaseProvider.Postgres || storage.SharedMediaDirectory is not null)
            {
                throw new BackupRefusedException(
                    "these commands copy one machine's data directory (SQLite and media/ inside it); with PostgreSQL or a media " +
                    "directory of its own, back up the database with pg_dump and the media directory with any file copy.");
            }

            var target = Path.GetFullPath(directory);
            var done = verb == "backup"
                ? Describe("Backed up", storage.DataDirectory, "to", target,
                    await new DataBackup(storage, database.BusyTimeoutMs, TimeProvider.System).WriteAsync(target, ct))
                : Describe("Restored", target, "into", storage.DataDirectory,
                    await new DataRestore(storage).RestoreAsync(target, ct)) + " Start the app to use it.";
            await output.WriteLineAsync(done);
            return Succeeded;
        }
        catch (Exception ex)
        {
            var reason = ex is OperationCanceledException ? "cancelled; what it had written was removed." : ex.Message;
            await error.WriteLineAsync($"{verb} failed: {reason.ReplaceLineEndings(" ")}");
            return Failed;
        }
    }

    private static string Describe(string action, string from, string preposition, string to, BackupManifest manifest)
    {
        var counts = manifest.Counts;
        var megabytes = manifest.Files.Sum(f => f.Bytes) / 1048576.0;
        var gone = manifest.GoneMedia.Count == 0 ? "" : $" {manifest.GoneMedia.Count} media files had been deleted since the snapshot (listed as gone).";
        return string.Create(CultureInfo.InvariantCulture,
            $"{action} {from} {preposition} {to} (snapshot of {manifest.CreatedUtc:yyyy-MM-dd HH:mm:ss} UTC): {counts.Users} users, {counts.Conversations} conversations, {counts.Messages} messages, {counts.Media} media; {manifest.Files.Count} files, {megabytes:0.0} MB.{gone}");
    }
}
