using BlazorMessenger.Features.Chat;
using BlazorMessenger.Features.Chat.Writer;
using BlazorMessenger.Hosting;
using BlazorMessenger.Hosting.Operations;
using BlazorMessenger.Tests.Features.Chat;
using BlazorMessenger.Tests.TestSupport;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace BlazorMessenger.Tests.Hosting.Operations;

public sealed class HealthChecksTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_writer_check_fails_once_one_batch_has_taken_the_stall_limit()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var bed = await ChatTestBed.CreateAsync(
            new Dictionary<string, string?> { ["Messenger:Health:WriterStallSeconds"] = "30" }, time);
        var check = new WriterCheck(bed.Services.Get<MessageWriter>(), bed.Services.Get<IOptions<HealthOptions>>());
        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(check)).Status);

        // A group change runs inside the writer's batch: holding it holds the batch.
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var write = bed.Services.Get<MessageWriter>().WriteAsync(new NewMessage(bed.Alice, bed.ConversationId, Guid.NewGuid(), "", Change: async (_, _, _) =>
        {
            entered.TrySetResult();
            await release.Task;
            return GroupChangeResult.Refuse("held");
        }), Ct);
        await entered.Task.WaitAsync(Ct);

        time.Advance(TimeSpan.FromSeconds(29));
        var busy = await CheckAsync(check);
        time.Advance(TimeSpan.FromSeconds(1));
        var stalled = await CheckAsync(check);
        release.SetResult();
        await write;

        Assert.Equal(HealthStatus.Healthy, busy.Status);
        Assert.Equal("Writing a batch for 29000 ms.", busy.Description);
        Assert.Equal(HealthStatus.Unhealthy, stalled.Status);
        Assert.Equal("The message writer has been on one batch for 30 s (the limit is 30 s).", stalled.Description);
        // The callers hear before the writer leaves the batch.
        await Eventually.TrueAsync(async () => (await CheckAsync(check)).Status == HealthStatus.Healthy, "The writer check after the batch");
    }

    [Fact]
    public async Task The_writer_check_fails_from_the_moment_the_server_starts_shutting_down()
    {
        await using var bed = await ChatTestBed.CreateAsync();
        var writer = bed.Services.Get<MessageWriter>();
        var check = new WriterCheck(writer, bed.Services.Get<IOptions<HealthOptions>>());
        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(check)).Status);

        writer.Stop();

        var stopping = await CheckAsync(check);
        Assert.Equal(HealthStatus.Unhealthy, stopping.Status);
        Assert.Equal("The server is shutting down: the message writer takes no new messages.", stopping.Description);
    }

    [Fact]
    public async Task The_database_check_fails_until_storage_start_up_has_finished()
    {
        await using var services = await TestServices.CreateAsync(prepare: false);
        var startup = new StorageStartup(services.Provider);
        var check = new DatabaseCheck(startup, services.Get<Microsoft.EntityFrameworkCore.IDbContextFactory<Data.ApplicationDbContext>>());

        var before = await CheckAsync(check);
        await startup.StartAsync(Ct);
        await startup.Ready;
        var after = await CheckAsync(check);

        Assert.Equal(HealthStatus.Unhealthy, before.Status);
        Assert.Equal("Storage start-up (the database migration) has not finished.", before.Description);
        // The callers hear before the writer leaves the batch.
        await Eventually.TrueAsync(async () => (await CheckAsync(check)).Status == HealthStatus.Healthy, "The writer check after the batch");
    }

    [Fact]
    public async Task The_storage_check_fails_when_the_data_directory_cannot_be_written_and_leaves_no_probe_behind()
    {
        await using var services = await TestServices.CreateAsync();
        var options = services.Get<IOptions<MessengerOptions>>();
        var notADirectory = Path.Combine(services.DataDirectory, "a-file");
        await File.WriteAllTextAsync(notADirectory, "", Ct);

        var writable = await CheckAsync(new StorageCheck(new StorageLocation(services.DataDirectory), options));
        var unwritable = await CheckAsync(new StorageCheck(new StorageLocation(notADirectory), options));

        Assert.Equal(HealthStatus.Healthy, writable.Status);
        Assert.Empty(Directory.EnumerateFiles(services.DataDirectory, ".health-*"));
        Assert.Equal(HealthStatus.Unhealthy, unwritable.Status);
        Assert.StartsWith($"The data directory {notADirectory} cannot be written", unwritable.Description);
    }

    private static Task<HealthCheckResult> CheckAsync(IHealthCheck check) => check.CheckHealthAsync(new HealthCheckContext
    {
        Registration = new HealthCheckRegistration("test", check, HealthStatus.Unhealthy, null),
    }, Ct);
}
