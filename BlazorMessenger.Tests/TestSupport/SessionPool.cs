using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace BlazorMessenger.Tests.TestSupport;

/// <summary>
/// Browser contexts that finished tests gave back, emptied for the next person to sign in with, as a browser someone
/// else used before: pages closed, cookies, storage and permissions cleared, a new page open. Only the HTTP cache stays
/// (every page of the app is uncached and protected files revalidate), so the app's scripts and styles load from it.
/// The emptying happens while the next test starts, not in it.
/// </summary>
public sealed class SessionPool(string origin, Func<Screen, Task<BrowserSession>> newSession) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<Screen, ConcurrentQueue<Task<BrowserSession>>> emptied = new();

    public async Task<BrowserSession> RentAsync(Screen screen)
    {
        var queue = emptied.GetOrAdd(screen, _ => new());
        while (queue.TryDequeue(out var next))
        {
            try
            {
                return Lent(await next, queue);
            }
            catch (PlaywrightException)
            {
                // A context that broke while being emptied (its test crashed the browser's side) is dropped.
            }
        }

        return Lent(await newSession(screen), queue);
    }

    private BrowserSession Lent(BrowserSession session, ConcurrentQueue<Task<BrowserSession>> queue)
    {
        session.ReturnTo(context =>
        {
            queue.Enqueue(EmptyAsync(context));
            return ValueTask.CompletedTask;
        });
        return session;
    }

    private async Task<BrowserSession> EmptyAsync(IBrowserContext context)
    {
        // The new page opens before the used ones close: it then starts in their renderer process, which lives on, rather
        // than in a new one (whose start costs Chromium about 1.5 s of CPU, twice the whole emptying done this way).
        var fresh = await context.NewPageAsync();
        foreach (var page in context.Pages.Where(page => page != fresh).ToList())
        {
            await page.CloseAsync();
        }

        await context.ClearCookiesAsync();
        await context.ClearPermissionsAsync();
        var devtools = await context.NewCDPSessionAsync(fresh);
        await devtools.SendAsync("Storage.clearDataForOrigin", new Dictionary<string, object>
        {
            ["origin"] = origin,
            ["storageTypes"] = "local_storage,indexeddb,service_workers,cache_storage,file_systems,websql",
        });
        await devtools.DetachAsync();
        return new BrowserSession(context, fresh, origin);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var next in emptied.Values.SelectMany(queue => queue))
        {
            try
            {
                await (await next).Context.CloseAsync();
            }
            catch (PlaywrightException)
            {
                // Closing the browser closes it anyway.
            }
        }
    }
}
