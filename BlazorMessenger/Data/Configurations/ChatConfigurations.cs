using BlazorMessenger.Features.Media;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BlazorMessenger.Data.Configurations;

internal sealed class ContactConfiguration : IEntityTypeConfiguration<Contact>
{
    public void Configure(EntityTypeBuilder<Contact> contact)
    {
        contact.HasKey(c => new { c.OwnerId, c.ContactUserId });
        contact.HasOne<ApplicationUser>().WithMany().HasForeignKey(c => c.OwnerId).OnDelete(DeleteBehavior.Cascade);
        contact.HasOne(c => c.ContactUser).WithMany().HasForeignKey(c => c.ContactUserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ConversationConfiguration : IEntityTypeConfiguration<Conversation>
{
    public void Configure(EntityTypeBuilder<Conversation> conversation)
    {
        conversation.Property(c => c.Title).HasMaxLength(128);
        conversation.Property(c => c.DirectKey).HasMaxLength(128);
        conversation.HasIndex(c => c.DirectKey).IsUnique();
        conversation.HasMany(c => c.Members).WithOne(m => m.Conversation).HasForeignKey(m => m.ConversationId);
        conversation.HasOne<Media>().WithMany().HasForeignKey(c => c.PictureMediaId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class ConversationMemberConfiguration : IEntityTypeConfiguration<ConversationMember>
{
    public void Configure(EntityTypeBuilder<ConversationMember> member)
    {
        member.HasKey(m => new { m.ConversationId, m.UserId });
        member.HasIndex(m => m.UserId);
        member.Property(m => m.TitleWhenLeft).HasMaxLength(128);
        member.HasOne(m => m.User).WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ReceiptConfiguration : IEntityTypeConfiguration<Receipt>
{
    public void Configure(EntityTypeBuilder<Receipt> receipt)
    {
        receipt.HasKey(r => new { r.ConversationId, r.UserId, r.Kind, r.Seq });
        receipt.HasOne<ConversationMember>().WithMany().HasForeignKey(r => new { r.ConversationId, r.UserId }).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MessageConfiguration : IEntityTypeConfiguration<Message>
{
    public void Configure(EntityTypeBuilder<Message> message)
    {
        message.HasIndex(m => new { m.ConversationId, m.Seq }).IsUnique();
        message.HasIndex(m => new { m.SenderId, m.ClientMessageId }).IsUnique();
        message.Property(m => m.Body).HasMaxLength(Features.Chat.MessageRules.MaxLength);
        message.HasOne<Conversation>().WithMany().HasForeignKey(m => m.ConversationId).OnDelete(DeleteBehavior.Cascade);
        message.HasOne<ApplicationUser>().WithMany().HasForeignKey(m => m.SenderId).OnDelete(DeleteBehavior.Restrict);
        message.HasOne(m => m.Media).WithMany().HasForeignKey(m => m.MediaId).OnDelete(DeleteBehavior.SetNull);
        message.HasIndex(m => m.MediaId);
        message.HasIndex(m => new { m.ConversationId, m.PinnedUtc }).HasFilter("\"PinnedUtc\" IS NOT NULL");
        message.HasMany(m => m.Reactions).WithOne().HasForeignKey(r => r.MessageId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ReactionConfiguration : IEntityTypeConfiguration<Reaction>
{
    public void Configure(EntityTypeBuilder<Reaction> reaction)
    {
        reaction.HasKey(r => new { r.MessageId, r.UserId, r.Emoji });
        reaction.Property(r => r.Emoji).HasMaxLength(32);
        reaction.HasOne<ApplicationUser>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class HiddenMessageConfiguration : IEntityTypeConfiguration<HiddenMessage>
{
    public void Configure(EntityTypeBuilder<HiddenMessage> hidden)
    {
        hidden.HasKey(h => new { h.UserId, h.MessageId });
        hidden.HasOne<ApplicationUser>().WithMany().HasForeignKey(h => h.UserId).OnDelete(DeleteBehavior.Cascade);
        hidden.HasOne<Message>().WithMany().HasForeignKey(h => h.MessageId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MediaConfiguration : IEntityTypeConfiguration<Media>
{
    public void Configure(EntityTypeBuilder<Media> media)
    {
        media.Property(m => m.Id).HasMaxLength(32);
        media.Property(m => m.ContentType).HasMaxLength(128);
        media.Property(m => m.ThumbContentType).HasMaxLength(32);
        media.Property(m => m.StorageKey).HasMaxLength(128);
        media.Property(m => m.ThumbKey).HasMaxLength(128);
        media.Property(m => m.FileName).HasMaxLength(MediaRules.MaxFileNameLength);
        media.HasIndex(m => m.StorageKey);
        media.HasOne<ApplicationUser>().WithMany().HasForeignKey(m => m.OwnerId).OnDelete(DeleteBehavior.Cascade);
        media.HasOne<Conversation>().WithMany().HasForeignKey(m => m.ConversationId).OnDelete(DeleteBehavior.Cascade);
    }
}
