using System.IO.Compression;
using System.Net;
using System.Text.Json;
using BlazorMessenger.Features.Chat;
using BlazorMessenger.Features.Contacts;
using BlazorMessenger.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorMessenger.Tests.Features.Accounts;

public sealed class PersonalDataEndpointTests : IAsyncLifetime
{
    private readonly MessengerAppFactory _app = new();

    [Fact]
    public async Task Someone_who_sent_messages_downloads_them_and_then_deletes_the_account()
    {
        var (me, friend) = (BrowserPeople.NewUserName("leaver"), BrowserPeople.NewUserName("friend"));
        var myId = await _app.CreateUserAsync(me);
        var friendId = await _app.CreateUserAsync(friend);
        var conversation = (await _app.Services.GetRequiredService<ContactService>().AddAsync(myId, friend, Ct)).Value!.ConversationId;
        var chat = _app.Services.GetRequiredService<ChatService>();
        Assert.True((await chat.SendAsync(myId, conversation, Guid.NewGuid(), "my words", ct: Ct)).Succeeded);
        Assert.True((await _app.Services.GetRequiredService<AttachmentService>().SendImageAsync(myId, conversation, Guid.NewGuid(), TestImages.Png(), "my picture", ct: Ct)).Succeeded);
        using var client = new FormClient(_app.BaseUrl);
        await client.LogInAsync(me, BrowserPeople.Password);

        var token = FormClient.TokenIn(await client.GetHtmlAsync("/Account/Manage/PersonalData"));
        using var download = await client.PostAsync("/Account/Manage/DownloadPersonalData", token, []);
        Assert.Equal("application/zip", download.Content.Headers.ContentType?.MediaType);
        using var zip = new ZipArchive(await download.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken));
        Assert.Contains(zip.Entries, e => e.FullName.StartsWith("media/", StringComparison.Ordinal) && e.FullName.EndsWith(".png", StringComparison.Ordinal));
        using var messages = JsonDocument.Parse(zip.GetEntry("messages.json")!.Open());
        Assert.Equal(["my words", "my picture"], messages.RootElement.EnumerateArray().Select(m => m.GetProperty("Text").GetString()!).ToArray());
        Assert.All(messages.RootElement.EnumerateArray(), m => Assert.Equal(friend, m.GetProperty("Conversation").GetString()));
        using var account = JsonDocument.Parse(zip.GetEntry("personal-data.json")!.Open());
        Assert.Equal(me, account.RootElement.GetProperty("UserName").GetString());

        using var deleted = await client.SubmitAsync("/Account/Manage/DeletePersonalData", "delete-user",
            new Dictionary<string, string> { ["Input.Password"] = BrowserPeople.Password });

        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.EndsWith("/Account/Login", deleted.Headers.Location?.ToString());
        Assert.False(await client.IsSignedInAsync());
        Assert.Equal(2, (await chat.GetAfterAsync(friendId, conversation, 0, Ct)).Count);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
