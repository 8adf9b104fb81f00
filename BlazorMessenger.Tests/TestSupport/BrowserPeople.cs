using BlazorMessenger.Features.Chat;
using BlazorMessenger.Data;
using BlazorMessenger.Features.Admin;
using BlazorMessenger.Features.Contacts;
using Microsoft.EntityFrameworkCore;
using BlazorMessenger.Features.Safety;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace BlazorMessenger.Tests.TestSupport;

/// <summary>Creates people (and contacts) straight in the app under test, and logs them in through the UI.</summary>
public static class BrowserPeople
{
    public const string Password = "Blue-kettle-94-river";

    public static string NewUserName(string prefix) => $"{prefix}{Guid.NewGuid().ToString("N")[..8]}";

    public static Task<string> CreateAsync(this BrowserFixture browser, string userName) => browser.App.CreateUserAsync(userName);

    public static async Task<string> IdOfAsync(this BrowserFixture browser, string userName)
    {
        await using var scope = browser.App.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByNameAsync(userName);
        return user?.Id ?? throw new InvalidOperationException($"No user named {userName}.");
    }

    public static async Task<long> ConversationIdAsync(this BrowserFixture browser, string userId, string peerUserName) =>
        (await browser.App.Services.GetRequiredService<ChatService>().OpenDirectAsync(userId, peerUserName))?.Id
        ?? throw new InvalidOperationException($"No conversation with {peerUserName}.");

    /// <summary>The reports filed about a person, oldest first, as stored.</summary>
    public static async Task<IReadOnlyList<Report>> ReportsAboutAsync(this BrowserFixture browser, string subjectId)
    {
        await using var db = await browser.App.Services.GetRequiredService<IDbContextFactory<ApplicationDbContext>>().CreateDbContextAsync();
        return await db.Reports.AsNoTracking().Where(r => r.SubjectId == subjectId).OrderBy(r => r.Id).ToListAsync();
    }

    /// <summary>Puts the person in the Admin role, as the first account of an install is.</summary>
    public static async Task MakeAdminAsync(this BrowserFixture browser, string userId)
    {
        await using var db = await browser.App.Services.GetRequiredService<IDbContextFactory<ApplicationDbContext>>().CreateDbContextAsync();
        if (!await db.Roles.AnyAsync(r => r.Id == AdminService.RoleId))
        {
            db.Roles.Add(new IdentityRole { Id = AdminService.RoleId, Name = AdminService.RoleName, NormalizedName = "ADMIN" });
        }

        db.UserRoles.Add(new IdentityUserRole<string> { UserId = userId, RoleId = AdminService.RoleId });
        await db.SaveChangesAsync();
    }

    /// <summary>Everything stored in the direct conversation of the two, oldest first, as the server has it.</summary>
    public static async Task<IReadOnlyList<ChatMessage>> StoredMessagesAsync(this BrowserFixture browser, string userName, string peerUserName)
    {
        var userId = await browser.IdOfAsync(userName);
        return await browser.App.Services.GetRequiredService<ChatService>()
            .GetAfterAsync(userId, await browser.ConversationIdAsync(userId, peerUserName), 0);
    }

    /// <summary>The owner adds the person, who accepts the conversation (without adding the owner back).</summary>
    public static async Task ConnectAsync(this BrowserFixture browser, string ownerId, string contactUserName)
    {
        var added = await browser.App.Services.GetRequiredService<ContactService>().AddAsync(ownerId, contactUserName);
        Assert.True(added.Succeeded, added.Error);
        await browser.App.Services.GetRequiredService<SafetyService>().AcceptAsync(await browser.IdOfAsync(contactUserName), added.Value!.ConversationId);
    }

    /// <summary>Two new people, "alice…" and "bob…", who are contacts with a direct conversation.</summary>
    public static async Task<(string Alice, string Bob)> PairAsync(this BrowserFixture browser)
    {
        var (alice, bob) = (NewUserName("alice"), NewUserName("bob"));
        var aliceId = await browser.CreateAsync(alice);
        await browser.CreateAsync(bob);
        await browser.ConnectAsync(aliceId, bob);
        return (alice, bob);
    }

    /// <summary>
    /// alice and bob, contacts with a direct conversation, stored for an app that runs as its own process (in the data
    /// directory or database the settings name).
    /// </summary>
    public static async Task StorePairAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var services = await TestServices.CreateAsync(settings: settings);
        var alice = await services.CreateUserAsync("alice");
        var bob = await services.CreateUserAsync("bob");
        var added = await services.Get<ContactService>().AddAsync(alice, "bob", ct);
        Assert.True(added.Succeeded, added.Error);
        Assert.True(await services.Get<SafetyService>().AcceptAsync(bob, added.Value!.ConversationId, ct));
    }

    /// <summary>A pair (see <see cref="PairAsync"/>) with alice's id and their conversation, to seed a history into.</summary>
    public static async Task<(string Alice, string Bob, string AliceId, long ConversationId)> ChatPairAsync(this BrowserFixture browser)
    {
        var (alice, bob) = await browser.PairAsync();
        var aliceId = await browser.IdOfAsync(alice);
        return (alice, bob, aliceId, await browser.ConversationIdAsync(aliceId, bob));
    }

    /// <summary>Three new people: "alice…", who has "bob…" and "carol…" as contacts, each with a direct conversation.</summary>
    public static async Task<(string Alice, string Bob, string Carol)> TrioAsync(this BrowserFixture browser)
    {
        var (alice, bob) = await browser.PairAsync();
        var carol = NewUserName("carol");
        await browser.CreateAsync(carol);
        await browser.ConnectAsync(await browser.IdOfAsync(alice), carol);
        return (alice, bob, carol);
    }

    /// <summary>
    /// A new browser of the person's, signed in and showing the page. The sign-in is the login form's real post, made
    /// over HTTP rather than typed (the account flows type it): the browser gets the cookie the app set and only ever
    /// loads the page the test is about.
    /// </summary>
    public static async Task<BrowserSession> LoggedInAsync(
        this BrowserFixture browser, string userName, string path = "/", string? baseUrl = null, Screen? screen = null)
    {
        var session = baseUrl is null || baseUrl == browser.BaseUrl
            ? await browser.ReusedSessionAsync(screen)
            : await browser.NewSessionAsync(baseUrl, screen);
        await session.SignInOverHttpAsync(userName, Password);
        await session.Page.GotoAsync(path);
        if (path == "/")
        {
            await session.ExpectInAppAsAsync(userName);
            return session;
        }

        await Expect(session.Page).ToHaveURLAsync(session.BaseUrl + path);
        await session.WaitForInteractiveAsync();
        return session;
    }
}
