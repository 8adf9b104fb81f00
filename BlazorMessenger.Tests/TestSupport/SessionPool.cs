using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace BlazorMessenger.Tests.TestSupport;

/// <summary>
/// Browser contexts that finished tests gave back, emptied for the next person to sign in with, as a browser someone
/// else used before: pages closed, cookies, storage and permissions cleared, a new page open. Only the HTTP cache stays
/// (every page of the app is uncached and protected files revalidate), so the app's scripts and styles load from it.
/// The emptying and the new page (a new renderer process, half a second) happen while the next test starts, not in it.
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
        foreach (var page in context.Pages.ToList())
        {
            await page.CloseAsync();
        }

        await context.ClearCookiesAsync();
        await context.ClearPermissionsAsync();
        var fresh = await context.NewPageAsync();
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
