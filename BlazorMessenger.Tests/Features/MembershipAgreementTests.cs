using System.Net;
using BlazorMessenger.Data;
using BlazorMessenger.Features.Chat;
using BlazorMessenger.Features.Chat.Pins;
using BlazorMessenger.Features.Contacts;
using BlazorMessenger.Features.Groups;
using BlazorMessenger.Features.Notifications;
using BlazorMessenger.Features.Receipts;
using BlazorMessenger.Features.Safety;
using BlazorMessenger.Features.Search;
using BlazorMessenger.Features.Shared;
using BlazorMessenger.Features.Typing;
using BlazorMessenger.Hosting;
using BlazorMessenger.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorMessenger.Tests.Features;

/// <summary>
/// Every read path asks <see cref="Membership"/> the same question and gets the same answer. In the group "Trip": mia is
/// a member, rita was removed between the "before" and the "after" messages, bo is a member olive blocked, and sam was
/// never in it. Each path is asked, for each of them, about a text, a photo and a file from before and from after rita
/// left, through the real app (services, and its HTTP endpoints for the files).
/// </summary>
[BothDatabases]
public sealed class MembershipAgreementTests(MembershipAgreementTests.World world) : IClassFixture<MembershipAgreementTests.World>
{
    public enum Person { Member, Former, Blocked, Stranger }

    public enum When { Before, After }

    /// <summary>What each path is asked: about one message (read while one may read it), or about the conversation now.</summary>
    public enum Rule { ReadsMessage, InConversationNow, OpensConversation }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Every read path by name, with the rule it must follow.</summary>
    private static readonly Dictionary<string, (Rule Rule, Func<World, string, Moment, Task<bool>> Ask)> Paths = new()
    {
        ["history page"] = (Rule.ReadsMessage, async (w, user, m) => (await w.Get<ChatService>().GetPageAsync(user, w.GroupId, null, Ct)).Any(x => x.Id == m.Text.Id)),
        ["jump to a message"] = (Rule.ReadsMessage, async (w, user, m) => (await w.Get<ChatService>().GetAroundAsync(user, w.GroupId, m.Text.Seq, Ct)).Any(x => x.Id == m.Text.Id)),
        ["catch up"] = (Rule.ReadsMessage, async (w, user, m) => (await w.Get<ChatService>().GetAfterAsync(user, w.GroupId, 0, Ct)).Any(x => x.Id == m.Text.Id)),
        ["search everywhere"] = (Rule.ReadsMessage, async (w, user, m) => (await w.Get<SearchService>().SearchAsync(user, null, m.Word, Ct)).Any(h => h.MessageId == m.Text.Id)),
        ["search the chat"] = (Rule.ReadsMessage, async (w, user, m) => (await w.Get<SearchService>().SearchAsync(user, w.GroupId, m.Word, Ct)).Any(h => h.MessageId == m.Text.Id)),
        ["image viewer"] = (Rule.ReadsMessage, async (w, user, m) =>
            (await w.Get<ChatService>().GetImageNavigationAsync(user, w.GroupId, m.Image.Seq + 1, Ct)).Previous?.Id == m.Image.Id),
        ["photo"] = (Rule.ReadsMessage, (w, user, m) => w.FetchAsync(user, $"/media/{m.Image.Image!.Id}/full")),
        ["photo thumbnail"] = (Rule.ReadsMessage, (w, user, m) => w.FetchAsync(user, $"/media/{m.Image.Image!.Id}/thumb")),
        ["file"] = (Rule.ReadsMessage, (w, user, m) => w.FetchAsync(user, $"/media/{m.File.File!.Id}/file")),
        ["pins"] = (Rule.ReadsMessage, async (w, user, m) => (await w.Get<PinService>().ListAsync(user, w.GroupId, Ct)).Any(q => q.Id == m.Text.Id)),
        ["forward"] = (Rule.ReadsMessage, (w, user, m) => Allowed(() => w.Get<ForwardService>().ForwardAsync(user, m.Text.Id, [long.MaxValue], Guid.NewGuid(), Ct))),
        ["report a message"] = (Rule.ReadsMessage, async (w, user, m) =>
            await Allowed(() => w.Get<ReportService>().ReportMessageAsync(user, m.File.Id, ReportReason.Spam, null, Ct))),
        ["message info"] = (Rule.ReadsMessage, (w, user, m) => Allowed(() => w.Get<ReceiptService>().MessageInfoAsync(user, m.Image.Id, Ct))),
        ["mark read"] = (Rule.ReadsMessage, async (w, user, m) =>
            await w.Get<ReceiptService>().MarkReadAsync(user, w.GroupId, m.Text.Seq, Ct) >= m.Text.Seq),
        ["typing"] = (Rule.InConversationNow, (w, user, _) => Allowed(() => w.Get<TypingTracker>().ReportAsync(user, w.GroupId, Ct))),
        ["group picture"] = (Rule.InConversationNow, (w, user, _) => w.FetchAsync(user, $"/avatars/{w.PictureId}")),
        ["receipt positions"] = (Rule.InConversationNow, async (w, user, _) =>
            (await w.Get<ReceiptService>().PositionsAsync(user, w.GroupId, Ct)).Others.Count > 0),
        ["open the group"] = (Rule.OpensConversation, async (w, user, _) => await w.Get<GroupService>().OpenAsync(user, w.GroupId, Ct) is not null),
        ["mute settings"] = (Rule.OpensConversation, (w, user, _) => Allowed(() => w.Get<NotificationService>().MutedUntilAsync(user, w.GroupId, Ct))),
    };

    public static TheoryData<string> PathNames() => [.. Paths.Keys];

    [Theory]
    [MemberData(nameof(PathNames))]
    public async Task Every_read_path_answers_as_the_membership_rule_does(string path)
    {
        var (rule, ask) = Paths[path];
        var wrong = new List<string>();
        foreach (var person in Enum.GetValues<Person>())
        {
            foreach (var when in Enum.GetValues<When>())
            {
                var expected = Expected(rule, person, when);
                bool actual;
                try
                {
                    actual = await ask(world, world.UserOf(person), world.At(when));
                }
                catch (NotAMemberException)
                {
                    actual = false;
                }

                if (actual != expected)
                {
                    wrong.Add($"{person} {when}: expected {(expected ? "allowed" : "refused")}, got {(actual ? "allowed" : "refused")}");
                }
            }
        }

        Assert.True(wrong.Count == 0, $"{path}: {string.Join("; ", wrong)}");
    }

    [Fact]
    public void The_table_covers_each_rule_and_its_expectations_tell_people_apart()
    {
        Assert.All(Enum.GetValues<Rule>(), rule => Assert.Contains(Paths.Values, p => p.Rule == rule));
        Assert.True(Expected(Rule.ReadsMessage, Person.Former, When.Before));
        Assert.False(Expected(Rule.ReadsMessage, Person.Former, When.After));
        Assert.False(Expected(Rule.InConversationNow, Person.Former, When.Before));
        Assert.True(Expected(Rule.OpensConversation, Person.Former, When.After));
        Assert.True(Expected(Rule.ReadsMessage, Person.Blocked, When.After));
        Assert.False(Expected(Rule.OpensConversation, Person.Stranger, When.Before));
    }

    /// <summary>The membership rule itself, written out: what the paths must all agree with.</summary>
    private static bool Expected(Rule rule, Person person, When when) => (rule, person) switch
    {
        (_, Person.Stranger) => false,
        (_, Person.Member or Person.Blocked) => true,
        (Rule.ReadsMessage, Person.Former) => when == When.Before,
        (Rule.InConversationNow, Person.Former) => false,
        (Rule.OpensConversation, Person.Former) => true,
        _ => throw new ArgumentOutOfRangeException(nameof(rule)),
    };

    /// <summary>True once the call returns: a refused caller gets NotAMemberException, which the walk counts as refused.</summary>
    private static async Task<bool> Allowed<T>(Func<Task<T>> call)
    {
        await call();
        return true;
    }

    /// <summary>A text, a photo and a file sent at one moment; Word is found only in that moment's text.</summary>
    public sealed record Moment(ChatMessage Text, ChatMessage Image, ChatMessage File, string Word);

    /// <summary>The group, its people and its messages, made once through the real app for all the paths.</summary>
    public sealed class World : IAsyncLifetime
    {
        private MessengerAppFactory _app = default!;
        private string? _postgres;
        private readonly Dictionary<string, FormClient> _clients = [];
        private readonly Dictionary<Person, string> _users = [];
        private Moment _before = default!, _after = default!;

        public long GroupId { get; private set; }

        public string PictureId { get; private set; } = "";

        public T Get<T>() where T : notnull => _app.Services.GetRequiredService<T>();

        public string UserOf(Person person) => _users[person];

        public Moment At(When when) => when == When.Before ? _before : _after;

        public async ValueTask InitializeAsync()
        {
            var settings = new Dictionary<string, string>
            {
                ["Messenger:RateLimits:ReportBurst"] = "1000",
                ["Messenger:RateLimits:ReportsPerHour"] = "100000",
                ["Messenger:RateLimits:TypingBurst"] = "1000",
                ["Messenger:RateLimits:TypingReportsPerMinute"] = "100000",
            };
            if (PostgresEngine.ForServiceTests)
            {
                _postgres = await PostgresEngine.CreateDatabaseAsync();
                (settings[TestServices.ProviderKey], settings[TestServices.ConnectionStringKey]) = (nameof(DatabaseProvider.Postgres), _postgres);
            }

            _app = new MessengerAppFactory(settings);
            var oliveName = BrowserPeople.NewUserName("olive");
            var olive = await _app.CreateUserAsync(oliveName);
            var names = new Dictionary<Person, string>();
            foreach (var person in Enum.GetValues<Person>())
            {
                names[person] = BrowserPeople.NewUserName(person.ToString().ToLowerInvariant());
                _users[person] = await _app.CreateUserAsync(names[person]);
                Assert.True((await Get<ContactService>().AddAsync(_users[person], oliveName, Ct)).Succeeded);
            }

            var groups = Get<GroupService>();
            GroupId = GroupTestBed.Ok(await groups.CreateAsync(olive, "Trip", [names[Person.Member], names[Person.Former], names[Person.Blocked]], Ct));
            GroupTestBed.Ok(await groups.SetPictureAsync(olive, GroupId, TestImages.Png(), Ct));
            PictureId = (await groups.OpenAsync(olive, GroupId, Ct))!.PictureId!;
            _before = await SendMomentAsync(olive, "apricot");
            GroupTestBed.Ok(await groups.RemoveMemberAsync(olive, GroupId, _users[Person.Former], Ct));
            _after = await SendMomentAsync(olive, "blueberry");
            GroupTestBed.Ok(await Get<SafetyService>().BlockAsync(olive, _users[Person.Blocked], Ct));

            foreach (var person in Enum.GetValues<Person>())
            {
                var client = new FormClient(_app.BaseUrl);
                await client.LogInAsync(names[person], BrowserPeople.Password);
                _clients[_users[person]] = client;
            }
        }

        private async Task<Moment> SendMomentAsync(string olive, string word)
        {
            var chat = Get<ChatService>();
            var text = GroupTestBed.Ok(await chat.SendAsync(olive, GroupId, Guid.NewGuid(), $"we pack the {word}", ct: Ct));
            var image = GroupTestBed.Ok(await Get<AttachmentService>().SendImageAsync(olive, GroupId, Guid.NewGuid(), TestImages.Png(), null, ct: Ct));
            var file = GroupTestBed.Ok(await Get<AttachmentService>().SendFileAsync(olive, GroupId, Guid.NewGuid(),
                new FileUpload(new MemoryStream("list"u8.ToArray()), $"{word}.txt", "text/plain"), null, ct: Ct));
            GroupTestBed.Ok(await Get<PinService>().SetAsync(olive, text.Id, true, Ct));
            return new Moment(text, image, file, word);
        }

        /// <summary>Whether the person's signed-in browser gets the file (200) rather than 404.</summary>
        public async Task<bool> FetchAsync(string userId, string path)
        {
            using var response = await _clients[userId].GetAsync(path);
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"{path}: {response.StatusCode}");
            return response.StatusCode == HttpStatusCode.OK;
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var client in _clients.Values)
            {
                client.Dispose();
            }

            await _app.DisposeAsync();
            if (_postgres is not null)
            {
                await PostgresEngine.DropDatabaseAsync(_postgres);
            }
        }
    }
}
