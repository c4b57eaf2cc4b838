//! What crosses the IPC boundary: DTOs and the error the UI branches on.

pub mod dto;
pub mod error;
