using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BlazorMessenger.Data.Configurations;

internal sealed class BotConfiguration : IEntityTypeConfiguration<Bot>
{
    public void Configure(EntityTypeBuilder<Bot> bot)
    {
        bot.HasKey(b => b.UserId);
        bot.Property(b => b.TokenHash).HasMaxLength(32);
        bot.Property(b => b.WebhookUrl).HasMaxLength(2048);
        bot.Property(b => b.WebhookSecret).HasMaxLength(256);
        bot.Property(b => b.AllowedUpdates).HasMaxLength(512);
        bot.Property(b => b.LastErrorMessage).HasMaxLength(512);
        bot.HasIndex(b => b.OwnerId);
        bot.HasOne(b => b.User).WithOne().HasForeignKey<Bot>(b => b.UserId).OnDelete(DeleteBehavior.Cascade);
        bot.HasOne<ApplicationUser>().WithMany().HasForeignKey(b => b.OwnerId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class BotUpdateConfiguration : IEntityTypeConfiguration<BotUpdate>
{
    public void Configure(EntityTypeBuilder<BotUpdate> update)
    {
        update.HasIndex(u => new { u.BotId, u.Id });
        update.HasIndex(u => u.CreatedUtc);
        update.Property(u => u.Payload).HasMaxLength(1024);
        update.HasOne<Bot>().WithMany().HasForeignKey(u => u.BotId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class UserNumberConfiguration : IEntityTypeConfiguration<UserNumber>
{
    public void Configure(EntityTypeBuilder<UserNumber> number)
    {
        number.HasKey(n => n.Number);
        number.Property(n => n.Number).ValueGeneratedOnAdd();
        number.HasIndex(n => n.UserId).IsUnique();
        number.HasOne<ApplicationUser>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class WebhookConfiguration : IEntityTypeConfiguration<Webhook>
{
    public void Configure(EntityTypeBuilder<Webhook> hook)
    {
        hook.HasKey(h => h.UserId);
        hook.Property(h => h.KeyHash).HasMaxLength(32);
        hook.Property(h => h.LastUsedAddress).HasMaxLength(64);
        hook.HasIndex(h => h.KeyHash).IsUnique();
        hook.HasIndex(h => h.ConversationId);
        hook.HasOne(h => h.User).WithOne().HasForeignKey<Webhook>(h => h.UserId).OnDelete(DeleteBehavior.Cascade);
        hook.HasOne<Conversation>().WithMany().HasForeignKey(h => h.ConversationId).OnDelete(DeleteBehavior.Cascade);
        hook.HasOne<ApplicationUser>().WithMany().HasForeignKey(h => h.CreatorId).OnDelete(DeleteBehavior.Restrict);
    }
}
