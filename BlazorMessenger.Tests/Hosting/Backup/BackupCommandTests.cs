using System.Text.Json;
using BlazorMessenger.Benchmarks;
using BlazorMessenger.Hosting.Backup;
using BlazorMessenger.Tests.Features.Chat;
using BlazorMessenger.Tests.TestSupport;

namespace BlazorMessenger.Tests.Hosting.Backup;

public sealed class BackupCommandTests
{
    [Theory]
    [InlineData(new[] { "backup", "/tmp/x" }, true)]
    [InlineData(new[] { "restore", "/tmp/x", "--Messenger:DataDirectory=/tmp/d" }, true)]
    [InlineData(new[] { "backup" }, true)]
    [InlineData(new string[0], false)]
    [InlineData(new[] { "--urls", "http://127.0.0.1:5000" }, false)]
    [InlineData(new[] { "Backup", "/tmp/x" }, false)]
    public void Only_backup_or_restore_as_the_first_argument_is_a_command(string[] args, bool handled) =>
        Assert.Equal(handled, BackupCommand.Handles(args));

    [Fact]
    public async Task Backup_and_restore_exit_with_zero_and_say_what_they_did()
    {
        using var backups = new Backups();
        await using var bed = await ChatTestBed.CreateAsync();
        await bed.SendAsync(bed.Alice, "before the backup");
        var directory = backups.NewDirectory("bm-backup");
        var restored = backups.NewDirectory("bm-restored");

        var backup = await RunAsync("backup", directory, $"--Messenger:DataDirectory={bed.Services.DataDirectory}");
        var restore = await RunAsync("restore", directory, $"--Messenger:DataDirectory={restored}");

        Assert.Equal((BackupCommand.Succeeded, ""), (backup.ExitCode, backup.Error));
        Assert.StartsWith($"Backed up {bed.Services.DataDirectory} to {directory} (snapshot of ", backup.Output);
        Assert.Contains(": 3 users, 1 conversations, 1 messages, 0 media;", backup.Output);
        Assert.Equal((BackupCommand.Succeeded, ""), (restore.ExitCode, restore.Error));
        Assert.StartsWith($"Restored {directory} into {restored} ", restore.Output);
        Assert.EndsWith("Start the app to use it.", restore.Output);
        Assert.True(File.Exists(Path.Combine(restored, BackupManifest.DatabaseFile)));
    }

    [Fact]
    public async Task A_refused_restore_exits_with_one_and_a_single_line_on_stderr()
    {
        using var backups = new Backups();
        await using var bed = await ChatTestBed.CreateAsync();
        var (directory, _) = await backups.TakeAsync(bed);

        var result = await RunAsync("restore", directory, $"--Messenger:DataDirectory={bed.Services.DataDirectory}");

        Assert.Equal((BackupCommand.Failed, ""), (result.ExitCode, result.Output));
        Assert.StartsWith($"restore failed: The data directory {bed.Services.DataDirectory} is not empty", result.Error);
        Assert.DoesNotContain('\n', result.Error);
    }

    [Fact]
    public async Task On_postgresql_the_commands_refuse_and_name_the_tools_to_use_instead()
    {
        using var backups = new Backups();
        var directory = backups.NewDirectory("bm-backup");

        var result = await RunAsync("backup", directory, "--Messenger:Database:Provider=Postgres", "--ConnectionStrings:Messenger=Host=127.0.0.1");

        Assert.Equal((BackupCommand.Failed, ""), (result.ExitCode, result.Output));
        Assert.Contains("pg_dump", result.Error);
        Assert.False(Directory.Exists(directory));
    }

    [Fact]
    public async Task A_backup_without_a_database_exits_with_one_and_leaves_no_directory()
    {
        using var backups = new Backups();
        var nowhere = backups.NewDirectory("bm-nodata");
        var directory = backups.NewDirectory("bm-backup");

        var result = await RunAsync("backup", directory, $"--Messenger:DataDirectory={nowhere}");

        Assert.Equal(BackupCommand.Failed, result.ExitCode);
        Assert.Equal($"backup failed: There is no database at {Path.Combine(nowhere, "messenger.db")}: check Messenger:DataDirectory.", result.Error);
        Assert.False(Directory.Exists(directory));
    }

    [Theory]
    [InlineData("backup")]
    [InlineData("restore", "--Messenger:DataDirectory=/tmp/d")]
    public async Task A_command_without_a_directory_prints_the_usage_and_exits_with_two(params string[] args)
    {
        var result = await RunAsync(args);

        Assert.Equal((BackupCommand.Misused, "", BackupCommand.Usage), (result.ExitCode, result.Output, result.Error));
    }

    /// <summary>The app's own entry point: Program hands the command over before building the web host.</summary>
    [Fact]
    public async Task The_app_backs_up_the_data_directory_its_environment_names()
    {
        using var backups = new Backups();
        await using var bed = await ChatTestBed.CreateAsync();
        var directory = backups.NewDirectory("bm-backup");

        var (exitCode, output) = await ChildProcess.RunAsync(
            Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet", Path.GetTempPath(),
            [Path.Combine(AppContext.BaseDirectory, "BlazorMessenger.dll"), "backup", directory], "dotnet was not found.",
            new Dictionary<string, string> { ["Messenger__DataDirectory"] = bed.Services.DataDirectory });

        Assert.True(exitCode == BackupCommand.Succeeded, output);
        Assert.StartsWith($"Backed up {bed.Services.DataDirectory} to {directory}", output);
        await using var manifest = File.OpenRead(Path.Combine(directory, BackupManifest.FileName));
        using var json = await JsonDocument.ParseAsync(manifest, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(3, json.RootElement.GetProperty("counts").GetProperty("users").GetInt32());
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await BackupCommand.RunAsync(args, output, error, TestContext.Current.CancellationToken);
        return (exitCode, output.ToString().TrimEnd(), error.ToString().TrimEnd());
    }
}
