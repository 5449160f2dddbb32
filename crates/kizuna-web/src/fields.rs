//! The fields of a write route: a URL-encoded form (what browsers send) or a JSON object (what
//! scripts with an API token send), with the same names either way, so that every edit a form
//! makes can be made by a script without a second route that could drift from it.

use axum::extract::{Form, FromRequest, Json, Request};
use axum::http::{StatusCode, header};
use serde::de::DeserializeOwned;

use crate::WebError;

/// The fields of a form or a JSON body. A body that does not hold them (a missing field, a
/// number that is not one) is `422`.
pub struct Fields<T>(pub T);

impl<S, T> FromRequest<S> for Fields<T>
where
    S: Send + Sync,
    T: DeserializeOwned,
{
    type Rejection = WebError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let json = request
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/json"));
        let refused = |status: StatusCode, text: String| match status {
            StatusCode::UNPROCESSABLE_ENTITY => WebError::Invalid(text),
            StatusCode::PAYLOAD_TOO_LARGE => WebError::TooLarge(text),
            _ => WebError::BadRequest(text),
        };
        if json {
            match Json::<T>::from_request(request, state).await {
                Ok(Json(fields)) => Ok(Fields(fields)),
                Err(e) => Err(refused(e.status(), e.body_text())),
            }
        } else {
            match Form::<T>::from_request(request, state).await {
                Ok(Form(fields)) => Ok(Fields(fields)),
                Err(e) => Err(refused(e.status(), e.body_text())),
            }
        }
    }
}
