using System.Net;
using BlazorMessenger.Features.Chat;
using BlazorMessenger.Features.Contacts;
using BlazorMessenger.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorMessenger.Tests.Features.Media;

/// <summary>/media/{id}/file over HTTP: members download, as an attachment that never runs as a page; others get 404.</summary>
public sealed class FileEndpointTests : IAsyncLifetime
{
    private readonly MessengerAppFactory _app = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_member_downloads_an_uploaded_page_as_an_inert_attachment_and_a_stranger_gets_404()
    {
        var stranger = BrowserPeople.NewUserName("other");
        await _app.CreateUserAsync(stranger);
        var (friend, url, fileId) = await SharedFileAsync("<script>alert(1)</script>", "page.html", "text/html");

        using var friendClient = new FormClient(_app.BaseUrl);
        await friendClient.LogInAsync(friend, BrowserPeople.Password);
        using var response = await friendClient.GetAsync(url);
        using var strangerClient = new FormClient(_app.BaseUrl);
        await strangerClient.LogInAsync(stranger, BrowserPeople.Password);
        using var refused = await strangerClient.GetAsync(url);
        using var anonymous = await new FormClient(_app.BaseUrl).GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/octet-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("page.html", response.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("<script>alert(1)</script>", await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await friendClient.GetAsync($"/media/{fileId}/full")).StatusCode);
    }

    [Fact]
    public async Task A_protected_file_is_revalidated_each_time_and_after_logout_the_browser_cache_is_cleared_and_the_404_wins()
    {
        var (friend, url, _) = await SharedFileAsync("private notes", "notes.txt", "text/plain");
        using var client = new FormClient(_app.BaseUrl);
        await client.LogInAsync(friend, BrowserPeople.Password);

        using var first = await client.GetAsync(url);
        var tag = first.Headers.ETag!;
        Assert.True(first.Headers.CacheControl is { Private: true, NoCache: true, MaxAge: null }, first.Headers.CacheControl?.ToString());
        using var again = await client.SendAsync(url, request => request.Headers.IfNoneMatch.Add(tag));
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);

        var token = FormClient.TokenIn(await client.GetHtmlAsync("/Account/Manage"));
        using var logout = await client.PostAsync("/Account/Logout", token, [new("returnUrl", "/")]);
        Assert.Equal("\"cache\"", logout.Headers.GetValues("Clear-Site-Data").Single());
        using var afterLogout = await client.SendAsync(url, request => request.Headers.IfNoneMatch.Add(tag));
        Assert.Equal(HttpStatusCode.NotFound, afterLogout.StatusCode);
    }

    /// <summary>A new person sends a file to a new friend: the friend's name, the file's address and its id.</summary>
    private async Task<(string Friend, string Url, string FileId)> SharedFileAsync(string content, string name, string type)
    {
        var (me, friend) = (BrowserPeople.NewUserName("me"), BrowserPeople.NewUserName("friend"));
        var myId = await _app.CreateUserAsync(me);
        await _app.CreateUserAsync(friend);
        var conversation = (await _app.Services.GetRequiredService<ContactService>().AddAsync(myId, friend, Ct)).Value!.ConversationId;
        var sent = await _app.Services.GetRequiredService<AttachmentService>().SendFileAsync(myId, conversation, Guid.NewGuid(),
            new FileUpload(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(content)), name, type), null, ct: Ct);
        return (friend, $"/media/{sent.Value!.File!.Id}/file", sent.Value.File.Id);
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
