using BlazorMessenger.Features.Chat.List;
using BlazorMessenger.Data;
using BlazorMessenger.Features.Chat;
using BlazorMessenger.Features.Groups;
using BlazorMessenger.Features.Receipts;
using BlazorMessenger.Realtime;
using BlazorMessenger.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace BlazorMessenger.Tests.TestSupport;

/// <summary>
/// The group "Trip": olive (owner), adam (admin), mia (member), rita (removed by olive after the first message), and sam
/// and newt who were never in it.
/// </summary>
public sealed class GroupTestBed : IAsyncDisposable
{
    private GroupTestBed(TestServices services) => Services = services;

    public TestServices Services { get; }

    public GroupService Groups => Services.Get<GroupService>();

    public ChatService Chat => Services.Get<ChatService>();

    public ConversationListService Lists => Services.Get<ConversationListService>();

    public AttachmentService Attachments => Services.Get<AttachmentService>();

    public ForwardService Forwards => Services.Get<ForwardService>();

    public MessageChangeService Changes => Services.Get<MessageChangeService>();

    public IMessengerHub Hub => Services.Get<IMessengerHub>();

    public ReceiptService Receipts => Services.Get<ReceiptService>();

    public string Olive { get; private set; } = "";

    public string Adam { get; private set; } = "";

    public string Mia { get; private set; } = "";

    public string Rita { get; private set; } = "";

    public string Sam { get; private set; } = "";

    public string Newt { get; private set; } = "";

    public long GroupId { get; private set; }

    /// <summary>The Seq of "olive removed rita": rita reads up to it and nothing after.</summary>
    public long RitaRemovedAt { get; private set; }

    public static async Task<GroupTestBed> CreateAsync(IReadOnlyDictionary<string, string?>? settings = null, TimeProvider? time = null)
    {
        var bed = new GroupTestBed(await TestServices.CreateAsync(settings: settings, time: time));
        bed.Olive = await bed.Services.CreateUserAsync("olive", "Olive O.");
        bed.Adam = await bed.Services.CreateUserAsync("adam");
        bed.Mia = await bed.Services.CreateUserAsync("mia");
        bed.Rita = await bed.Services.CreateUserAsync("rita");
        bed.Sam = await bed.Services.CreateUserAsync("sam");
        bed.Newt = await bed.Services.CreateUserAsync("newt");
        await bed.KnowTheAddersAsync();
        bed.GroupId = Ok(await bed.Groups.CreateAsync(bed.Olive, "Trip", ["adam", "mia", "rita"], Ct));
        Ok(await bed.Groups.SetAdminAsync(bed.Olive, bed.GroupId, bed.Adam, true, Ct));
        await bed.SendAsync(bed.Mia, "before rita left");
        bed.RitaRemovedAt = Ok(await bed.Groups.RemoveMemberAsync(bed.Olive, bed.GroupId, bed.Rita, Ct)).Seq;
        return bed;
    }

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// Everyone has the two who add people (olive and adam) in their contacts (rows only, no conversations), so being
    /// added is never a message request here; the tests of requests make strangers of their own.
    /// </summary>
    private async Task KnowTheAddersAsync()
    {
        await using var db = await Services.Get<IDbContextFactory<ApplicationDbContext>>().CreateDbContextAsync(Ct);
        foreach (var adder in new[] { Olive, Adam })
        {
            db.Contacts.AddRange(new[] { Olive, Adam, Mia, Rita, Sam, Newt }.Where(owner => owner != adder && owner != Olive)
                .Select(owner => new Contact { OwnerId = owner, ContactUserId = adder, AddedUtc = DateTime.UtcNow }));
        }

        await db.SaveChangesAsync(Ct);
    }

    public static T Ok<T>(BlazorMessenger.Features.Shared.ServiceResult<T> result)
    {
        Assert.True(result.Succeeded, result.Error);
        return result.Value!;
    }

    public async Task<ChatMessage> SendAsync(string userId, string text) =>
        Ok(await Chat.SendAsync(userId, GroupId, Guid.NewGuid(), text, ct: Ct));

    public async Task<long> LastSeqAsync() => (await Chat.GetPageAsync(Olive, GroupId, null, Ct))[^1].Seq;

    public ValueTask DisposeAsync() => Services.DisposeAsync();
}
